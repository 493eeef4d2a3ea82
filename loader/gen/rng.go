package gen

// rng is a small deterministic random source (SplitMix64). It is defined
// here rather than taken from math/rand so that the same seed gives the same
// corpus with every Go release: the generator's output is a contract.
type rng struct{ s uint64 }

// mix64 is the SplitMix64 finaliser.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// newRNG returns a source for one stream of the corpus: the seed and a
// stream label (a document index, a stage) give independent sequences, so
// documents can be rendered in any order, and in parallel, with the same
// result.
func newRNG(seed int64, stream uint64) *rng {
	return &rng{s: mix64(uint64(seed)^0x9e3779b97f4a7c15) ^ mix64(stream+0x632be59bd9b4e019)}
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return mix64(r.s)
}

// intn returns a number in [0, n); n must be positive.
func (r *rng) intn(n int) int {
	if n <= 0 {
		panic("gen: intn of a non-positive bound")
	}
	return int(r.next() % uint64(n))
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.intn(hi-lo+1)
}

// chance is true with probability p.
func (r *rng) chance(p float64) bool {
	return float64(r.next()>>11)/(1<<53) < p
}

// pick returns one element of xs.
func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

// shuffle permutes xs in place (Fisher-Yates).
func shuffle[T any](r *rng, xs []T) {
	for i := len(xs) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		xs[i], xs[j] = xs[j], xs[i]
	}
}

// sample returns k distinct elements of xs in random order (all of them if
// k >= len(xs)); xs is not changed.
func sample[T any](r *rng, xs []T, k int) []T {
	c := append([]T(nil), xs...)
	shuffle(r, c)
	if k < len(c) {
		c = c[:k]
	}
	return c
}
