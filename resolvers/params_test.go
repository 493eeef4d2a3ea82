package resolvers

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// paramsAsEncodingJSON is what gqlgen's POST transport makes of a body:
// encoding/json's Decoder with UseNumber, and whether it failed.
func paramsAsEncodingJSON(body []byte) (graphql.RawParams, bool) {
	var p graphql.RawParams
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	err := dec.Decode(&p)
	return p, err == nil
}

// checkDecodeParams fails when decodeParams takes a body and reads it other
// than encoding/json does, and reports whether it took it.
func checkDecodeParams(t testing.TB, body []byte) bool {
	t.Helper()
	var got graphql.RawParams
	if !decodeParams(body, &got) {
		return false
	}
	want, ok := paramsAsEncodingJSON(body)
	if !ok {
		t.Fatalf("decodeParams takes %q, which encoding/json refuses", body)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decodeParams reads %q as\n%#v\nencoding/json as\n%#v", body, got, want)
	}
	return true
}

// paramBodies are request bodies the fast path takes and ones it leaves to
// encoding/json.
var paramBodies = []struct {
	body string
	fast bool
}{
	{`{"query":"{ a }"}`, true},
	{` { "query" : "query($id: ID!) {\n  meeting(id: $id) { id }\n}" , "variables" : {"id":"m:1"} } `, true},
	{`{"query":"q","operationName":"Op","variables":{"n":-1.5e+3,"b":true,"z":null,"l":[1,"x",{"k":[]}],"o":{}},"extensions":{"e":0}}`, true},
	{`{"query":"\"\\\/\b\f\n\r\t","variables":null,"operationName":null,"extensions":null}`, true},
	{`{"variables":{"a":1,"a":2},"query":"æøå"}`, true},
	{`{}`, true},
	{`{"query":"{ a }"} trailing`, false},
	{`{"query":"\u0041"}`, false},
	{`{"Query":"{ a }"}`, false},
	{`{"query":"a","query":"b"}`, false},
	{`{"query":1}`, false},
	{`{"variables":[]}`, false},
	{`{"query":"a`, false},
	{`{"query":"a` + "\x01" + `"}`, false},
	{`{"query":"` + "\xff" + `"}`, false},
	{`{"variables":{"n":01}}`, false},
	{`{"variables":{"n":1.}}`, false},
	{`{"variables":{"n":-}}`, false},
	{`{"variables":{"n":tru}}`, false},
	{`{"headers":{}}`, false},
	{`[]`, false},
	{``, false},
	{`{"variables":` + strings.Repeat(`[`, maxParamsDepth+1) + strings.Repeat(`]`, maxParamsDepth+1) + `}`, false},
}

// TestDecodeParamsAsEncodingJSON: the fast path reads every body it takes
// as encoding/json does, takes the usual bodies and leaves the others;
// and on 20,000 bodies made by cutting and splicing those, it never reads
// one otherwise.
func TestDecodeParamsAsEncodingJSON(t *testing.T) {
	for _, c := range paramBodies {
		if took := checkDecodeParams(t, []byte(c.body)); took != c.fast {
			t.Errorf("decodeParams(%q) took it: %v; want %v", c.body, took, c.fast)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	took := 0
	for range 20000 {
		a := paramBodies[rng.IntN(len(paramBodies))].body
		b := paramBodies[rng.IntN(len(paramBodies))].body
		i, j := rng.IntN(len(a)+1), rng.IntN(len(b)+1)
		body := a[:i] + b[j:]
		if rng.IntN(4) == 0 && len(body) > 0 {
			k := rng.IntN(len(body))
			body = body[:k] + string(`{}[]",:0e-\ntu`[rng.IntN(14)]) + body[k+1:]
		}
		if checkDecodeParams(t, []byte(body)) {
			took++
		}
	}
	if took == 0 {
		t.Error("no spliced body took the fast path")
	}
}

// FuzzDecodeParams: whatever the body, the fast path reads it as
// encoding/json does or leaves it.
func FuzzDecodeParams(f *testing.F) {
	for _, c := range paramBodies {
		f.Add([]byte(c.body))
	}
	f.Fuzz(func(t *testing.T, body []byte) { checkDecodeParams(t, body) })
}
