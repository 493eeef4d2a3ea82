package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/tools/imports"
)

// The rewrites of gqlgen's generated execution code. gqlgen runs every
// field through the same machinery: a field context (with an error value
// and a closure of its own), a context value, a middleware chain, the
// resolver and marshaler closures and the result boxed twice; every object
// allocates a second field set, a map and its path for @defer; and every
// resolver field and every element of a list of objects runs in a goroutine
// of its own. For a person with a hundred seats that is some six thousand
// objects and hundreds of goroutines for a 10 KB answer (BENCHMARKS.md).
// The rewrites keep gqlgen's behaviour and remove what this schema does not
// need:
//
//  1. Plain fields. A field without arguments or directives that reads a
//     struct field of the bound value (no resolver, no method) and whose
//     marshaler can never report an error is marshalled directly: no field
//     context, no middleware. Such a field cannot fail and has no children,
//     so nothing can observe the difference; field middleware would not see
//     it, which is why the handler refuses field interceptors
//     (resolvers.NewHandler). Strings, IDs and dates are written from a
//     pointer to the field (bind.StringAt, bind.DateAt).
//  2. @defer bookkeeping is made only when a field is deferred, and an
//     object without deferred fields is written by bind.Object, which
//     writes its fields in order without allocating (gqlgen's field set
//     allocates a map and a copy of every field for it).
//  3. Resolver fields and list elements go through the operation's
//     (*bind.Objects).Concurrently (rewrite 7) and bind.MarshalSlice,
//     which run them as gqlgen does (in goroutines) or, when the request's
//     context is marked serial (bind.WithSerial; the operation's Objects
//     records it once), one after the other in the calling goroutine. The resolvers mark a query
//     serial when every read below it is one the loaders read ahead
//     (resolvers/serial.go), so that nothing waits for a batching window.
//  4. A query's answer is written into a pooled buffer (bind.Marshal),
//     returned to the pool when the request is done (bind.WithBuffers),
//     instead of a new buffer grown by doubling for every request.
//  5. Resolver fields without directives call their resolver in line:
//     the field context and its context value as gqlgen makes them, the
//     same recovery, error and result handling, but no closures for the
//     field context, resolver, middleware and marshaler, and no result
//     boxed. The field middleware it skips is the identity, because the
//     handler refuses field interceptors. Only results that cannot be a
//     nil interface are rewritten (pointers, slices, maps, built-in
//     scalars), for which gqlgen's nil check never fires.
//  6. In an object, a resolver field of a serial request that is not
//     deferred is run at once by bind.FieldNow (told by the operation's
//     Objects whether it is serial), before gqlgen's code makes
//     the two closures (and the copy of the field they capture) with
//     which it hands the field to its field set.
//  7. The execution context of an operation keeps a bind.Objects (a
//     pointer, so that the contexts gqlgen makes for every field's
//     complexity stay small): an object's fields are collected through it
//     (remembered per selection set and type without gqlgen's cache key,
//     a hash allocated per object) and its writer comes from a slab.
//  8. No map of input unmarshalers per request. gqlgen builds one in every
//     Exec (a method value per input type, bound to the request's
//     execution context, and a map of them: some twenty allocations) and
//     puts it in the context for graphql.UnmarshalInputFromContext, which
//     neither gqlgen's runtime nor this repository calls
//     (TestNothingUnmarshalsInputFromContext); the generated code
//     unmarshals its inputs by calling the methods directly.
//  9. An object's field set and its values come from slabs of the
//     operation (bind.Objects.FieldSet) unless one of its fields is
//     deferred: rewrite 2 writes such an object from the values, so the
//     set is only where its fields are resolved (two allocations per
//     object otherwise).
//
// Each rewrite counts its sites; generation fails when one finds none, so
// that a gqlgen upgrade that changes the generated code is noticed rather
// than silently undoing the rewrite.
type stats struct {
	plainFields, resolverFields, objectFields, deferGuards, deferLazy, dispatch, slices, buffers, objects, unmarshalerMaps, fieldSets int
}

func (s stats) check() error {
	for name, n := range map[string]int{
		"plain fields": s.plainFields, "resolver fields": s.resolverFields, "object fields": s.objectFields, "@defer guards": s.deferGuards, "lazy @defer sets": s.deferLazy,
		"field dispatch": s.dispatch, "object bookkeeping": s.objects, "list marshalling": s.slices, "answer buffer": s.buffers,
		"input unmarshaler map": s.unmarshalerMaps, "field sets": s.fieldSets,
	} {
		if n == 0 {
			return fmt.Errorf("rewrite of %s found no site: has gqlgen's generated code changed?", name)
		}
	}
	return nil
}

// textRewrites are the exact texts of the rewrites made in text (after gofmt, as
// gqlgen writes them) and their replacements.
var textRewrites = []struct {
	old, new string
	count    func(*stats) *int
}{
	{
		old:   "\tatomic.AddInt32(&ec.Deferred, int32(min(len(deferLabelToView), math.MaxInt32)))\n\n\tec.ProcessDeferredGroup(graphql.DeferredGroup{\n\t\tDefers:   deferLabelToView,\n\t\tPath:     graphql.GetPath(ctx),\n\t\tFieldSet: deferredFieldSet,\n\t\tContext:  ctx,\n\t})\n\n\treturn out\n",
		new:   "\tif len(deferLabelToView) == 0 {\n\t\treturn bind.Object(fields, out.Values)\n\t}\n\tif len(deferLabelToView) > 0 {\n\t\tatomic.AddInt32(&ec.Deferred, int32(min(len(deferLabelToView), math.MaxInt32)))\n\n\t\tec.ProcessDeferredGroup(graphql.DeferredGroup{\n\t\t\tDefers:   deferLabelToView,\n\t\t\tPath:     graphql.GetPath(ctx),\n\t\t\tFieldSet: deferredFieldSet,\n\t\t\tContext:  ctx,\n\t\t})\n\t}\n\n\treturn out\n",
		count: func(s *stats) *int { return &s.deferGuards },
	},
	{
		old:   "\tdeferredFieldSet := graphql.NewFieldSet(nil)\n\tdeferLabelToView := make(map[string]*graphql.FieldSetView)\n",
		new:   "\tvar deferredFieldSet *graphql.FieldSet\n\tvar deferLabelToView map[string]*graphql.FieldSetView\n",
		count: func(s *stats) *int { return &s.deferLazy },
	},
	{
		old:   "deferredFieldSet.AddField(field)\n",
		new:   "if deferredFieldSet == nil {\ndeferredFieldSet = graphql.NewFieldSet(nil)\ndeferLabelToView = map[string]*graphql.FieldSetView{}\n}\ndeferredFieldSet.AddField(field)\n",
		count: func(s *stats) *int { return &s.deferLazy },
	},
	{
		old:   "out.Concurrently(i, func(ctx context.Context) graphql.Marshaler {",
		new:   "ec.objects.Concurrently(ctx, out, i, func(ctx context.Context) graphql.Marshaler {",
		count: func(s *stats) *int { return &s.dispatch },
	},
	{
		old:   "var buf bytes.Buffer\n\t\t\tdata.MarshalGQL(&buf)\n\t\t\tresponse.Data = buf.Bytes()\n",
		new:   "response.Data = bind.Marshal(ctx, data)\n",
		count: func(s *stats) *int { return &s.buffers },
	},
	{
		old:   "type executionContext struct {\n\t*graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]\n}\n",
		new:   "type executionContext struct {\n\t*graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]\n\tobjects *bind.Objects\n}\n",
		count: func(s *stats) *int { return &s.objects },
	},
	{
		old:   "\tec := newExecutionContext(opCtx, e, make(chan graphql.DeferredResult))\n",
		new:   "\tec := newExecutionContext(opCtx, e, make(chan graphql.DeferredResult))\n\tec.objects = bind.NewObjects(bind.Serial(ctx))\n",
		count: func(s *stats) *int { return &s.objects },
	},
	{
		old:   "\tfields := graphql.CollectFields(ec.OperationContext, sel, ",
		new:   "\tfields := ec.objects.Collect(ec.OperationContext, sel, ",
		count: func(s *stats) *int { return &s.objects },
	},
	{
		old:   "\t\treturn bind.Object(fields, out.Values)\n",
		new:   "\t\treturn ec.objects.Object(fields, out.Values)\n",
		count: func(s *stats) *int { return &s.objects },
	},
	{
		old:   "\tout := graphql.NewFieldSet(fields)\n",
		new:   "\tout := ec.objects.FieldSet(fields)\n",
		count: func(s *stats) *int { return &s.fieldSets },
	},
	{
		old:   "graphql.MarshalSliceConcurrently(",
		new:   "bind.MarshalSlice(",
		count: func(s *stats) *int { return &s.slices },
	},
}

// objectFieldRe is gqlgen's hand-over of a resolver field to the object's
// field set (rewrite 6): the field's function and, for a non-null field,
// the value it counts as invalid (graphql.Null for a non-null field,
// graphql.RequiredNull for a nullable one; none in gqlgen's other forms).
var objectFieldRe = regexp.MustCompile(`(\t+)field := field\n\n\t+innerFunc := func\(ctx context.Context, fs \*graphql.FieldSet\) \(res graphql.Marshaler\) \{\n` +
	`\t+defer func\(\) \{\n\t+if r := recover\(\); r != nil \{\n\t+ec.Error\(ctx, ec.Recover\(ctx, r\)\)\n\t+\}\n\t+\}\(\)\n` +
	`\t+res = ec\.(_\w+)\(ctx, field, obj\)\n(\t+if res == (graphql\.Null|graphql\.RequiredNull) \{\n\t+atomic.AddUint32\(&fs.Invalids, 1\)\n\t+\}\n)?\t+return res\n`)

// unmarshalerMapRe is gqlgen's map of input unmarshalers and the context
// values that carry it (rewrite 8).
var unmarshalerMapRe = regexp.MustCompile(`\tinputUnmarshalMap := graphql\.BuildUnmarshalerMap\(\n(?:\t\tec\.unmarshalInput\w+,\n)*\t\)\n|\t+ctx = graphql\.WithUnmarshalerMap\(ctx, inputUnmarshalMap\)\n`)

// rewrite applies the rewrites to the generated files (name → source).
func rewrite(srcs map[string][]byte) (map[string][]byte, stats, error) {
	var st stats
	fset := token.NewFileSet()
	parsed := map[string]*ast.File{}
	funcs := map[string]*ast.FuncDecl{}
	names := make([]string, 0, len(srcs))
	for name, src := range srcs {
		names = append(names, name)
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, st, err
		}
		parsed[name] = f
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && fd.Body != nil {
				funcs[fd.Name.Name] = fd
			}
		}
	}
	sort.Strings(names)
	safe := safeMarshalers(funcs)
	out := map[string][]byte{}
	for _, name := range names {
		src := srcs[name]
		type edit struct {
			from, to int
			text     string
		}
		var edits []edit
		for _, d := range parsed[name].Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || fd.Body == nil {
				continue
			}
			if body, ok := plainField(fd, safe, src, fset); ok {
				edits = append(edits, edit{fset.Position(fd.Body.Lbrace).Offset, fset.Position(fd.Body.Rbrace).Offset + 1, body})
				st.plainFields++
			} else if body, ok := resolverField(fd, src, fset); ok {
				edits = append(edits, edit{fset.Position(fd.Body.Lbrace).Offset, fset.Position(fd.Body.Rbrace).Offset + 1, body})
				st.resolverFields++
			}
		}
		b := src
		for i := len(edits) - 1; i >= 0; i-- {
			e := edits[i]
			b = append(append(append([]byte{}, b[:e.from]...), e.text...), b[e.to:]...)
		}
		s := string(b)
		s = objectFieldRe.ReplaceAllStringFunc(s, func(m string) string {
			st.objectFields++
			g := objectFieldRe.FindStringSubmatch(m)
			invalidOn := g[4]
			if invalidOn == "" {
				invalidOn = "nil"
			}
			return fmt.Sprintf("%sif bind.FieldNow(ctx, ec.objects.Serial(), ec, ec.OperationContext, out, i, field, obj, %s, (*executionContext).%s) {\n%s\tcontinue\n%s}\n%s",
				g[1], invalidOn, g[2], g[1], g[1], m)
		})
		s = unmarshalerMapRe.ReplaceAllStringFunc(s, func(string) string {
			st.unmarshalerMaps++
			return ""
		})
		for _, r := range textRewrites {
			n := strings.Count(s, r.old)
			*r.count(&st) += n
			s = strings.ReplaceAll(s, r.old, r.new)
		}
		formatted, err := imports.Process(name, []byte(s), nil)
		if err != nil {
			return nil, st, fmt.Errorf("%s after rewriting: %w", name, err)
		}
		out[name] = formatted
	}
	return out, st, nil
}

// plainField returns the new body of a field function of gqlgen's form
//
//	func (ec *executionContext) _T_f(ctx context.Context, field graphql.CollectedField, obj *X) (ret graphql.Marshaler) {
//		return graphql.ResolveField(ctx, ec.OperationContext, field, fieldContext,
//			func(ctx context.Context) (any, error) { return obj.F, nil },
//			nil, func(ctx context.Context, selections ast.SelectionSet, v T) graphql.Marshaler { return ec.marshalM(ctx, selections, v) },
//			recover, nonNull)
//	}
//
// when it reads a struct field (a selector on obj, no call), has no
// middleware (directives) and its marshaler is safe (see safeMarshalers):
// it marshals obj.F directly.
func plainField(fd *ast.FuncDecl, safe func(string) bool, src []byte, fset *token.FileSet) (string, bool) {
	call, ok := resolveFieldCall(fd)
	if !ok {
		return "", false
	}
	rr, ok := onlyReturn(call.Args[4])
	if !ok || len(rr.Results) != 2 || !isIdent(rr.Results[1], "nil") || !onObj(rr.Results[0]) {
		return "", false
	}
	mc, ok := returnedCall(call.Args[6], 3)
	if !ok {
		return "", false
	}
	sel, ok := mc.Fun.(*ast.SelectorExpr)
	if !ok || !isIdent(sel.X, "ec") || !safe(sel.Sel.Name) {
		return "", false
	}
	value := string(src[fset.Position(rr.Results[0].Pos()).Offset:fset.Position(rr.Results[0].End()).Offset])
	if at := stringsAt[sel.Sel.Name]; at != "" {
		if _, ptr := fd.Type.Params.List[2].Type.(*ast.StarExpr); ptr {
			return fmt.Sprintf("{\n\treturn %s(&%s)\n}", at, value), true
		}
	}
	return fmt.Sprintf("{\n\treturn ec.%s(ctx, field.Selections, %s)\n}", sel.Sel.Name, value), true
}

// resolverField returns the new body of a field function of gqlgen's
// ResolveField form (see plainField) whose resolver is any code ending in
// a return, without middleware (directives), and whose result cannot be a
// nil interface: it does what graphql.ResolveField does, in line.
func resolverField(fd *ast.FuncDecl, src []byte, fset *token.FileSet) (string, bool) {
	text := func(n ast.Node) string {
		return string(src[fset.Position(n.Pos()).Offset:fset.Position(n.End()).Offset])
	}
	call, ok := resolveFieldCall(fd)
	if !ok {
		return "", false
	}
	if r := fd.Type.Results; r == nil || len(r.List) != 1 || len(r.List[0].Names) != 1 || r.List[0].Names[0].Name != "ret" {
		return "", false
	}
	fcCall, ok := returnedCall(call.Args[3], 2)
	if !ok || !isIdent(fcCall.Args[0], "ctx") || !isIdent(fcCall.Args[1], "field") {
		return "", false
	}
	resolver, ok := call.Args[4].(*ast.FuncLit)
	if !ok || len(resolver.Body.List) == 0 {
		return "", false
	}
	last, ok := resolver.Body.List[len(resolver.Body.List)-1].(*ast.ReturnStmt)
	if !ok || len(last.Results) == 0 {
		return "", false
	}
	marshal, ok := call.Args[6].(*ast.FuncLit)
	if !ok || len(marshal.Type.Params.List) != 3 || !resultNeverNilInterface(marshal.Type.Params.List[2].Type) {
		return "", false
	}
	mc, ok := returnedCall(marshal, 3)
	if !ok || !isIdent(mc.Args[0], "ctx") || !isIdent(mc.Args[1], "selections") || !isIdent(mc.Args[2], "v") {
		return "", false
	}
	recoverPanics, ok := call.Args[7].(*ast.Ident)
	if !ok || (recoverPanics.Name != "true" && recoverPanics.Name != "false") {
		return "", false
	}
	var b strings.Builder
	fmt.Fprintf(&b, "{\n\tfc, err := %s\n\tif err != nil {\n\t\treturn graphql.Null\n\t}\n", text(fcCall))
	b.WriteString("\tctx = graphql.WithFieldContext(ctx, fc)\n")
	if recoverPanics.Name == "true" {
		b.WriteString("\tdefer bind.Recover(ctx, ec.OperationContext, &ret)\n")
	}
	for _, st := range resolver.Body.List[:len(resolver.Body.List)-1] {
		if t := text(st); t != "fc := graphql.GetFieldContext(ctx)" {
			fmt.Fprintf(&b, "\t%s\n", t)
		}
	}
	results := make([]string, len(last.Results))
	for i, r := range last.Results {
		results[i] = text(r)
	}
	fmt.Fprintf(&b, "\tv, err := %s\n", strings.Join(results, ", "))
	fmt.Fprintf(&b, "\tif err != nil {\n\t\treturn bind.Failed(ctx, ec.OperationContext, fc, err, %s)\n\t}\n", text(call.Args[8]))
	b.WriteString("\tfc.Result = v\n")
	fmt.Fprintf(&b, "\treturn %s(ctx, field.Selections, v)\n}", text(mc.Fun))
	return b.String(), true
}

// resolveFieldCall returns the graphql.ResolveField call of a field
// function of gqlgen's form (see plainField) without middleware: a
// function _T_f(ctx, field, obj) whose body only returns that call.
func resolveFieldCall(fd *ast.FuncDecl) (*ast.CallExpr, bool) {
	if !strings.HasPrefix(fd.Name.Name, "_") || len(fd.Type.Params.List) != 3 {
		return nil, false
	}
	ret, ok := onlyStatement(fd.Body).(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil, false
	}
	call, ok := ret.Results[0].(*ast.CallExpr)
	if !ok || !isSelector(call.Fun, "graphql", "ResolveField") || len(call.Args) != 9 || !isIdent(call.Args[5], "nil") {
		return nil, false
	}
	return call, true
}

// onlyStatement is the statement of a block of one statement (nil else).
func onlyStatement(b *ast.BlockStmt) ast.Stmt {
	if b == nil || len(b.List) != 1 {
		return nil
	}
	return b.List[0]
}

// onlyReturn is the return statement of a function literal whose body is
// only that.
func onlyReturn(e ast.Expr) (*ast.ReturnStmt, bool) {
	lit, ok := e.(*ast.FuncLit)
	if !ok {
		return nil, false
	}
	ret, ok := onlyStatement(lit.Body).(*ast.ReturnStmt)
	return ret, ok
}

// returnedCall is the call a function literal only returns, with nargs
// arguments.
func returnedCall(e ast.Expr, nargs int) (*ast.CallExpr, bool) {
	ret, ok := onlyReturn(e)
	if !ok || len(ret.Results) != 1 {
		return nil, false
	}
	call, ok := ret.Results[0].(*ast.CallExpr)
	if !ok || len(call.Args) != nargs {
		return nil, false
	}
	return call, true
}

// resultNeverNilInterface reports whether a value of type t, boxed in an
// interface, is never the nil interface: pointers, slices, maps and the
// built-in scalars (a named type may be an interface).
func resultNeverNilInterface(t ast.Expr) bool {
	switch x := t.(type) {
	case *ast.StarExpr, *ast.ArrayType, *ast.MapType:
		return true
	case *ast.Ident:
		switch x.Name {
		case "string", "bool", "int", "int32", "int64", "float64":
			return true
		}
	}
	return false
}

// stringsAt are the marshalers of plain string fields that bind writes
// from a pointer to the field, which needs no allocation (gqlgen's
// allocates a closure for each string it writes).
var stringsAt = map[string]string{
	"marshalNString2string": "bind.StringAt",
	"marshalNID2string":     "bind.StringAt",
	"marshalODate2string":   "bind.DateAt",
}

// safeMarshalers reports which marshal functions can never report an
// error or read the field context: no call that adds or checks an error
// (except in the "must not be null" branch of a result that is never
// null), no object (ec._T), and only safe marshal functions called in turn.
func safeMarshalers(funcs map[string]*ast.FuncDecl) func(string) bool {
	memo := map[string]bool{}
	var safe func(name string) bool
	safe = func(name string) bool {
		if v, ok := memo[name]; ok {
			return v
		}
		memo[name] = false // a recursive type is not safe
		fd := funcs[name]
		if fd == nil || !strings.HasPrefix(name, "marshal") {
			return false
		}
		ok := true
		neverNull := neverNullResult(fd.Body)
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if ifs, isIf := n.(*ast.IfStmt); isIf && neverNull && isNullCheck(ifs.Cond) {
				return false // the error branch of a result that is never null
			}
			call, isCall := n.(*ast.CallExpr)
			if !isCall || !ok {
				return ok
			}
			sel, isSel := call.Fun.(*ast.SelectorExpr)
			if !isSel {
				return true
			}
			switch {
			case isIdent(sel.X, "ec"):
				ok = safe(sel.Sel.Name)
			case isIdent(sel.X, "graphql"):
				switch sel.Sel.Name {
				case "AddErrorf", "AddError", "HasFieldError", "GetFieldContext", "GetPath", "MarshalSliceConcurrently":
					ok = false
				}
			}
			return ok
		})
		memo[name] = ok
		return ok
	}
	return safe
}

// neverNull are gqlgen's marshalers of built-in scalars, which never
// return graphql.Null.
var neverNull = map[string]bool{
	"MarshalString": true, "MarshalID": true, "MarshalInt": true, "MarshalInt64": true,
	"MarshalBoolean": true, "MarshalFloat": true,
}

// neverNullResult reports whether body sets res := graphql.MarshalX(...)
// with a marshaler of neverNull (and sets res nowhere else).
func neverNullResult(body *ast.BlockStmt) bool {
	found, other := false, false
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || !isIdent(as.Lhs[0], "res") {
			return true
		}
		call, ok := as.Rhs[0].(*ast.CallExpr)
		if s, isSel := callSelector(call, ok); isSel && isIdent(s.X, "graphql") && neverNull[s.Sel.Name] {
			found = true
		} else {
			other = true
		}
		return true
	})
	return found && !other
}

func callSelector(call *ast.CallExpr, ok bool) (*ast.SelectorExpr, bool) {
	if !ok {
		return nil, false
	}
	s, isSel := call.Fun.(*ast.SelectorExpr)
	return s, isSel
}

// isNullCheck reports whether e is res == graphql.Null.
func isNullCheck(e ast.Expr) bool {
	b, ok := e.(*ast.BinaryExpr)
	return ok && b.Op == token.EQL && isIdent(b.X, "res") && isSelector(b.Y, "graphql", "Null")
}

// onObj reports whether e is obj.A.B... (selectors only).
func onObj(e ast.Expr) bool {
	for {
		switch x := e.(type) {
		case *ast.SelectorExpr:
			e = x.X
		case *ast.Ident:
			return x.Name == "obj"
		default:
			return false
		}
	}
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

func isSelector(e ast.Expr, x, sel string) bool {
	s, ok := e.(*ast.SelectorExpr)
	return ok && isIdent(s.X, x) && s.Sel.Name == sel
}
