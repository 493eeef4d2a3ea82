//go:build !unix

package minutes_test

import "time"

// processCPU is not measured here: BenchmarkParseGenerated then reports 0.
func processCPU() time.Duration { return 0 }
