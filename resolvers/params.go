package resolvers

import (
	"encoding/json"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
)

// decodeParams reads a GraphQL request body of the usual form, one JSON
// object with the members query, operationName, variables and extensions,
// into p as encoding/json's Decoder with UseNumber does (numbers in
// variables and extensions as json.Number), without its reflection and its
// copy of the body. It reports false, leaving p for the caller to reset,
// for anything else: other or repeated member names, members of other
// types, a string with a \u escape, a control character or invalid UTF-8,
// nesting deeper than maxParamsDepth, malformed JSON or anything after the
// object. Those bodies are rare and go to encoding/json, which then
// decides (postJSON.Do); TestDecodeParamsAsEncodingJSON compares the two.
func decodeParams(body []byte, p *graphql.RawParams) bool {
	d := paramsDecoder{b: body}
	d.ws()
	var seen [4]bool
	ok := d.members(func(key string) bool {
		var k int
		var ok bool
		switch key {
		case "query":
			k, ok = 0, d.strOrNull(&p.Query)
		case "operationName":
			k, ok = 1, d.strOrNull(&p.OperationName)
		case "variables":
			k, ok = 2, d.objOrNull(&p.Variables)
		case "extensions":
			k, ok = 3, d.objOrNull(&p.Extensions)
		default:
			return false
		}
		if !ok || seen[k] {
			return false
		}
		seen[k] = true
		return true
	})
	d.ws()
	return ok && d.i == len(d.b)
}

// maxParamsDepth bounds the nesting decodeParams follows in variables.
const maxParamsDepth = 32

type paramsDecoder struct {
	b     []byte
	i     int
	depth int
}

func (d *paramsDecoder) ws() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *paramsDecoder) eat(c byte) bool {
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

func (d *paramsDecoder) lit(s string) bool {
	if len(d.b)-d.i >= len(s) && string(d.b[d.i:d.i+len(s)]) == s {
		d.i += len(s)
		return true
	}
	return false
}

// str reads a string: its bytes as they are when it has no escape, else
// with the escapes other than \u replaced.
func (d *paramsDecoder) str() (string, bool) {
	if !d.eat('"') {
		return "", false
	}
	start := d.i
	var buf []byte // the string so far, once it has an escape
	for d.i < len(d.b) {
		c := d.b[d.i]
		switch {
		case c == '"':
			s := d.b[start:d.i]
			d.i++
			if !utf8.Valid(s) {
				return "", false
			}
			if buf == nil {
				return string(s), true
			}
			return string(append(buf, s...)), true
		case c < 0x20:
			return "", false
		case c == '\\':
			if d.i+1 >= len(d.b) {
				return "", false
			}
			var r byte
			switch d.b[d.i+1] {
			case '"', '\\', '/':
				r = d.b[d.i+1]
			case 'b':
				r = '\b'
			case 'f':
				r = '\f'
			case 'n':
				r = '\n'
			case 'r':
				r = '\r'
			case 't':
				r = '\t'
			default: // \u, or not an escape
				return "", false
			}
			if !utf8.Valid(d.b[start:d.i]) {
				return "", false
			}
			buf = append(append(buf, d.b[start:d.i]...), r)
			d.i += 2
			start = d.i
		default:
			d.i++
		}
	}
	return "", false
}

func (d *paramsDecoder) strOrNull(dst *string) bool {
	if d.lit("null") {
		return true // encoding/json leaves a string as it was
	}
	s, ok := d.str()
	*dst = s
	return ok
}

func (d *paramsDecoder) objOrNull(dst *map[string]any) bool {
	if d.lit("null") {
		*dst = nil
		return true
	}
	if d.i >= len(d.b) || d.b[d.i] != '{' {
		return false
	}
	v, ok := d.value()
	if ok {
		*dst = v.(map[string]any)
	}
	return ok
}

// value reads any JSON value as encoding/json decodes it into an any with
// UseNumber.
func (d *paramsDecoder) value() (any, bool) {
	if d.i >= len(d.b) {
		return nil, false
	}
	switch c := d.b[d.i]; {
	case c == '"':
		return d.str()
	case c == '{', c == '[':
		if d.depth++; d.depth > maxParamsDepth {
			return nil, false
		}
		defer func() { d.depth-- }()
		if c == '{' {
			return d.object()
		}
		return d.array()
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	case d.lit("true"):
		return true, true
	case d.lit("false"):
		return false, true
	case d.lit("null"):
		return nil, true
	}
	return nil, false
}

func (d *paramsDecoder) object() (any, bool) {
	m := map[string]any{}
	ok := d.members(func(key string) bool {
		v, ok := d.value()
		m[key] = v // the last of a repeated name, as encoding/json
		return ok
	})
	return m, ok
}

// members reads an object, calling member with each member's name and the
// decoder at its value, which member reads; false if member or the JSON
// fails.
func (d *paramsDecoder) members(member func(key string) bool) bool {
	if !d.eat('{') {
		return false
	}
	d.ws()
	if d.eat('}') {
		return true
	}
	for {
		d.ws()
		k, ok := d.str()
		if !ok {
			return false
		}
		d.ws()
		if !d.eat(':') {
			return false
		}
		d.ws()
		if !member(k) {
			return false
		}
		d.ws()
		if d.eat('}') {
			return true
		}
		if !d.eat(',') {
			return false
		}
	}
}

func (d *paramsDecoder) array() (any, bool) {
	d.i++ // [
	a := []any{}
	d.ws()
	if d.eat(']') {
		return a, true
	}
	for {
		d.ws()
		v, ok := d.value()
		if !ok {
			return nil, false
		}
		a = append(a, v)
		d.ws()
		if d.eat(']') {
			return a, true
		}
		if !d.eat(',') {
			return nil, false
		}
	}
}

// number reads a JSON number (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)
// as its text.
func (d *paramsDecoder) number() (any, bool) {
	start := d.i
	d.eat('-')
	digits := func() bool {
		n := d.i
		for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' {
			d.i++
		}
		return d.i > n
	}
	if d.eat('0') {
		// no more digits may follow a leading zero
	} else if !digits() {
		return nil, false
	}
	if d.eat('.') && !digits() {
		return nil, false
	}
	if d.eat('e') || d.eat('E') {
		if !d.eat('+') {
			d.eat('-')
		}
		if !digits() {
			return nil, false
		}
	}
	return json.Number(d.b[start:d.i]), true
}
