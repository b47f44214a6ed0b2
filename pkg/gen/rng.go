package gen

import "math"

// rng is a small deterministic pseudo-random generator (SplitMix64). It is used instead of
// math/rand so that the stream for a seed is fixed by this file alone: the same Params give
// the same workspace with any Go release, on any platform.
type rng struct{ s uint64 }

// newRNG returns a generator keyed by the seed and a path of names ("agreement", "DU-XD-01",
// "2025-Q2" …). Every piece of generated content draws from its own keyed stream, so that the
// order in which pieces are built (in parallel workers) never changes what they contain.
func newRNG(seed int64, path ...string) *rng {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	mix := func(b byte) { h ^= uint64(b); h *= prime }
	for i := 0; i < 8; i++ {
		mix(byte(uint64(seed) >> (8 * i)))
	}
	for _, p := range path {
		mix(0xff)
		for i := 0; i < len(p); i++ {
			mix(p[i])
		}
	}
	r := &rng{s: h}
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n); 0 when n ≤ 0.
func (r *rng) intn(n int) int {
	if n <= 0 {
		return 0
	}
	return int(r.next() % uint64(n))
}

// between returns a number in [lo, hi] (lo when hi < lo).
func (r *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.intn(hi-lo+1)
}

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// uniform returns a number in [lo, hi).
func (r *rng) uniform(lo, hi float64) float64 { return lo + (hi-lo)*r.float() }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// pick returns a random element of xs ("" when empty).
func (r *rng) pick(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[r.intn(len(xs))]
}

// logNormal returns exp(N(0, sigma)) by the Box–Muller transform, clamped to [lo, hi].
func (r *rng) logNormal(sigma, lo, hi float64) float64 {
	u1 := r.float()
	if u1 < 1e-12 {
		u1 = 1e-12
	}
	z := math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*r.float())
	return math.Min(hi, math.Max(lo, math.Exp(sigma*z)))
}

// shuffle permutes n elements with swap (Fisher–Yates).
func (r *rng) shuffle(n int, swap func(i, j int)) {
	for i := n - 1; i > 0; i-- {
		swap(i, r.intn(i+1))
	}
}
