package main

import (
	"fmt"
	"os"

	"github.com/sundhedsgraf/sundhedsgraf/resolvers"
)

// adminTokensEnv names the environment variable that holds admin tokens as
// comma-separated name:token pairs.
const adminTokensEnv = "SUNDHEDSGRAF_ADMIN_TOKENS"

// adminTokens reads the admin tokens from the file (if named) and the
// environment; both may be given. Errors never quote a token.
func (m *Main) adminTokens(file string) ([]resolvers.AdminToken, error) {
	text := m.Getenv(adminTokensEnv)
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("admin token file: %w", err)
		}
		text = string(b) + "\n" + text
	}
	ts, err := resolvers.ParseAdminTokens(text)
	if err != nil {
		return nil, fmt.Errorf("admin tokens: %w", err)
	}
	return ts, nil
}
