package minutes

// PrefilterMisses returns the matches in s of the prefiltered regular
// expressions (see litRegexp) that contain none of their literals: a
// wrong literal, which would make the parser miss that match.
func PrefilterMisses(s string) []string {
	var out []string
	for _, r := range prefiltered {
		for _, m := range r.Regexp.FindAllString(s, -1) {
			if !r.may(m) {
				out = append(out, r.String()+" matched "+m)
			}
		}
	}
	return out
}
