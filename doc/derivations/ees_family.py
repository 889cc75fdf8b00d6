#!/usr/bin/env python3
r"""
EES(n,m) Runge--Kutta families: derivation and verification.

An explicit RK step Phi_h (tableau A strictly lower triangular, weights b,
c = A.1) is EES(n,m) ("explicit and effectively symmetric") if it has order n
and Phi_{-h}(Phi_h(y)) = y + O(h^{m+1}).

The composition psi_h = Phi_{-h} o Phi_h is itself a 2s-stage RK method with

        A' = [[ A ,  0 ],          b' = [ b , -b ]
              [ 1 b^T, -A ]],

(stages of the second half: Y = y1 - h sum_j a_ij f(Y_j),
 y1 = y + h sum_j b_j f(Y_j)).  Its B-series equals that of the identity up
to order m iff the elementary weights Phi'(t) = b'^T g'(t) vanish for all rooted
trees t with |t| <= m.  This formulation is checked numerically in part 2
(the composite tableau reproduces Phi_{-h}(Phi_h(y)) to working precision, and
the measured reversal errors scale like h^{m+1}).

Contents
  part 1 (exact, sympy + an exact Q(sqrt2) arithmetic written here)
    (a) rooted trees up to order 8, elementary weights of the composite method
    (b) EES(2,5;x): order 2 and antisymmetric order 5 for symbolic x; which
        order-6 conditions fail
    (c) EES(2,7;x): derivation of a_ij(x).  The published default instance
        x0 = (5-3 sqrt2)/14 is a regular point of the order-2 + antisymmetric
        conditions (Jacobian w.r.t. the six a_ij has full rank 6), so by the
        implicit function theorem there is a unique analytic solution branch
        a(x) through it.  We compute its Taylor series in t = x - x0 EXACTLY
        (coefficients in Q(sqrt2), order-by-order linear solves), recover
        rational functions by exact Pade approximation, and then verify
        the resulting closed forms symbolically (identically in x) against
        ALL composite-method conditions up to order 7.
    (d) both published instances reproduced exactly
    (e) singular x values
    (f) b.c^2 = 1/3 (and b.A.c = 1/8 for EES25)
    (g) stability polynomials
    plus: EES(2,7;x) is not antisymmetric of order 8 (exact check)
  part 2 (mpmath, 50 digits): reversal error slopes on the pendulum.

Runs in about 30 s on one core (add --branches for an optional,
slower (~5-8 min) numerical search for further real solution branches).
"""
import sys
import time
from fractions import Fraction
from math import gcd

import mpmath as mp
import sympy as sp
from sympy import QQ
from sympy.polys.rings import ring

T_START = time.time()
S2 = sp.sqrt(2)
xs = sp.Symbol('x')
KQ2 = QQ.algebraic_field(S2)          # Q(sqrt2)
RX, XR = ring('x', KQ2)               # Q(sqrt2)[x]


def banner(s):
    print()
    print('=' * 78)
    print('%s   [t = %.0fs]' % (s, time.time() - T_START))
    print('=' * 78)
    sys.stdout.flush()


# ---------------------------------------------------------------------------
# exact arithmetic in Q(sqrt2):  (p + q*sqrt2)/d
# ---------------------------------------------------------------------------
class Q2:
    __slots__ = ('p', 'q', 'd')

    def __init__(self, p=0, q=0, d=1):
        if d < 0:
            p, q, d = -p, -q, -d
        g = gcd(gcd(p, q), d)
        if g > 1:
            p //= g
            q //= g
            d //= g
        self.p, self.q, self.d = p, q, d

    @staticmethod
    def of(v):
        if isinstance(v, Q2):
            return v
        if isinstance(v, int):
            return Q2(v)
        if isinstance(v, Fraction):
            return Q2(v.numerator, 0, v.denominator)
        # sympy number in Q(sqrt2)
        r = sp.Symbol('r_')
        e = sp.expand(sp.radsimp(sp.sympify(v))).subs(S2, r)
        pol = sp.Poly(sp.rem(sp.Poly(e, r), sp.Poly(r**2 - 2, r)), r)
        cs = pol.all_coeffs()
        cs = [sp.Rational(0)] * (2 - len(cs)) + [sp.Rational(c) for c in cs]
        qv, pv = cs
        den = sp.ilcm(pv.q, qv.q)
        return Q2(int(pv * den), int(qv * den), int(den))

    def iszero(self):
        return self.p == 0 and self.q == 0

    def __add__(s, o):
        if isinstance(o, int) and o == 0:
            return s
        if not isinstance(o, Q2):
            if isinstance(o, (int, Fraction)):
                o = Q2.of(o)
            else:
                return NotImplemented
        return Q2(s.p * o.d + o.p * s.d, s.q * o.d + o.q * s.d, s.d * o.d)

    __radd__ = __add__

    def __neg__(s):
        r = Q2.__new__(Q2)
        r.p, r.q, r.d = -s.p, -s.q, s.d
        return r

    def __sub__(s, o):
        if not isinstance(o, (Q2, int, Fraction)):
            return NotImplemented
        return s + (-Q2.of(o))

    def __rsub__(s, o):
        return Q2.of(o) + (-s)

    def __mul__(s, o):
        if isinstance(o, int):
            if o == 0:
                return 0
            return Q2(s.p * o, s.q * o, s.d)
        if not isinstance(o, Q2):
            if isinstance(o, Fraction):
                o = Q2.of(o)
            else:
                return NotImplemented
        return Q2(s.p * o.p + 2 * s.q * o.q, s.p * o.q + s.q * o.p, s.d * o.d)

    __rmul__ = __mul__

    def inv(s):
        nrm = s.p * s.p - 2 * s.q * s.q
        if nrm == 0:
            raise ZeroDivisionError('Q2 zero')
        return Q2(s.d * s.p, -s.d * s.q, nrm)

    def __truediv__(s, o):
        return s * Q2.of(o).inv()

    def __rtruediv__(s, o):
        return Q2.of(o) * s.inv()

    def __eq__(s, o):
        if isinstance(o, (int, Fraction)):
            o = Q2.of(o)
        if not isinstance(o, Q2):
            return NotImplemented
        return s.p == o.p and s.q == o.q and s.d == o.d

    def __hash__(s):
        return hash((s.p, s.q, s.d))

    def sym(s):
        return sp.Rational(s.p, s.d) + sp.Rational(s.q, s.d) * S2

    def __repr__(s):
        return str(s.sym())


# ---------------------------------------------------------------------------
# truncated power series in t with Q(sqrt2) coefficients
# ---------------------------------------------------------------------------
class Ser:
    N = 1                     # global truncation order (number of coeffs)
    __slots__ = ('c',)

    def __init__(self, c):
        self.c = list(c)[:Ser.N]

    def coeff(self, k):
        return self.c[k] if k < len(self.c) else Q2(0)

    def __add__(s, o):
        if isinstance(o, int) and o == 0:
            return s
        if not isinstance(o, Ser):
            o = Ser([Q2.of(o)])
        n = max(len(s.c), len(o.c))
        return Ser([s.coeff(k) + o.coeff(k) for k in range(n)])

    __radd__ = __add__

    def __neg__(s):
        return Ser([-v for v in s.c])

    def __sub__(s, o):
        return s + (-o if isinstance(o, Ser) else -Q2.of(o))

    def __rsub__(s, o):
        return (-s) + o

    def __mul__(s, o):
        if not isinstance(o, Ser):
            o = Q2.of(o)
            if o.iszero():
                return 0
            return Ser([v * o for v in s.c])
        n = min(Ser.N, len(s.c) + len(o.c) - 1)
        out = []
        for k in range(n):
            acc = Q2(0)
            for i in range(max(0, k - len(o.c) + 1), min(k, len(s.c) - 1) + 1):
                acc = acc + s.c[i] * o.c[k - i]
            out.append(acc)
        return Ser(out)

    __rmul__ = __mul__


def coeff_of(v, k):
    if isinstance(v, Ser):
        return v.coeff(k)
    if k == 0:
        return Q2.of(v) if not isinstance(v, Q2) else v
    return Q2(0)


def is_zero(v):
    if isinstance(v, int):
        return v == 0
    if isinstance(v, Q2):
        return v.iszero()
    if isinstance(v, Ser):
        return False
    return v == 0


# ---------------------------------------------------------------------------
# exact linear algebra over Q(sqrt2)
# ---------------------------------------------------------------------------
def q2_solve(M, v):
    n = len(v)
    M = [[Q2.of(e) for e in row] + [Q2.of(v[i])] for i, row in enumerate(M)]
    for c in range(n):
        piv = next((r for r in range(c, n) if not M[r][c].iszero()), None)
        if piv is None:
            raise ZeroDivisionError('singular')
        M[c], M[piv] = M[piv], M[c]
        ip = M[c][c].inv()
        M[c] = [e * ip for e in M[c]]
        for r in range(n):
            if r != c and not M[r][c].iszero():
                f = M[r][c]
                M[r] = [M[r][k] - f * M[c][k] for k in range(n + 1)]
    return [M[i][n] for i in range(n)]


def q2_independent_rows(J):
    """greedy selection of linearly independent rows of J (exact)."""
    basis, rows = [], []
    ncol = len(J[0])
    for idx, row in enumerate(J):
        r = [Q2.of(e) for e in row]
        for (pc, br) in basis:
            if not r[pc].iszero():
                f = r[pc] / br[pc]
                r = [r[k] - f * br[k] for k in range(ncol)]
        pc = next((k for k in range(ncol) if not r[k].iszero()), None)
        if pc is not None:
            basis.append((pc, r))
            rows.append(idx)
        if len(rows) == ncol:
            break
    return rows


# ---------------------------------------------------------------------------
# rooted trees and elementary weights
# ---------------------------------------------------------------------------
def rooted_trees(nmax):
    """T[k] = list of rooted trees with k vertices; a tree is the sorted tuple
    of its children (the one-vertex tree is ())."""
    T = {1: [()]}
    for k in range(2, nmax + 1):
        res = set()

        def gen(rem, acc):
            if rem == 0:
                res.add(tuple(sorted(acc)))
                return
            for m in range(1, rem + 1):
                for t in T[m]:
                    gen(rem - m, acc + [t])
        gen(k - 1, [])
        T[k] = sorted(res)
    return T


def order(t):
    return 1 + sum(order(c) for c in t)


def tstr(t):
    """Butcher bracket notation: 'o' = single vertex, [t1,t2,...] = graft."""
    return 'o' if t == () else '[' + ','.join(tstr(c) for c in t) + ']'


TREES = rooted_trees(8)


def rk_weights(A, b, trees):
    """Elementary weights Phi(t) = b^T g(t), g_i(t) = prod_children (A g(child))_i.
    Entries may be ints, Q2, Ser, or ring elements; zero entries are skipped.
    If A and b are 'scaled' (A -> D*A) the result is D^{|t|-1} Phi(t)."""
    n = len(b)
    nz = [[(j, A[i][j]) for j in range(n) if not is_zero(A[i][j])]
          for i in range(n)]
    memoG, memoV = {(): [1] * n}, {}

    def V(c):
        if c not in memoV:
            g = G(c)
            memoV[c] = [sum((a * g[j] for (j, a) in nz[i] if not is_zero(g[j])), 0)
                        for i in range(n)]
        return memoV[c]

    def G(t):
        if t not in memoG:
            out = []
            for i in range(n):
                p = 1
                for c in t:
                    v = V(c)[i]
                    if is_zero(v):
                        p = 0
                        break
                    p = v * p
                out.append(p)
            memoG[t] = out
        return memoG[t]

    res = {}
    for t in trees:
        g = G(t)
        res[t] = sum((b[i] * g[i] for i in range(n)
                      if not is_zero(b[i]) and not is_zero(g[i])), 0)
    return res


def composite_tableau(A, b, brow=None):
    """Tableau of Phi_{-h} o Phi_h.  brow = row used inside A' (D*b when A is
    scaled by a common denominator D, see rk_weights)."""
    s = len(b)
    brow = b if brow is None else brow
    Ap = [[0] * (2 * s) for _ in range(2 * s)]
    for i in range(s):
        for j in range(s):
            if not is_zero(A[i][j]):
                Ap[i][j] = A[i][j]
                Ap[s + i][s + j] = -A[i][j]
            Ap[s + i][j] = brow[j]
    return Ap, list(b) + [-v for v in b]


# ---------------------------------------------------------------------------
# sympy <-> Q(sqrt2)[x] helpers
# ---------------------------------------------------------------------------
def same(e1, e2):
    n, _ = sp.fraction(sp.together(sp.sympify(e1) - sp.sympify(e2)))
    return sp.expand(n) == 0


def nice(e):
    """reduce a rational function of x over Q(sqrt2) (gcd-cancel with Polys
    over Q(sqrt2), then factor the small result over Q(sqrt2))."""
    n, d = sp.fraction(sp.together(sp.sympify(e)))
    Pn = sp.Poly(sp.expand(n), xs, domain=KQ2)
    Pd = sp.Poly(sp.expand(d), xs, domain=KQ2)
    if Pn.is_zero:
        return sp.Integer(0)
    g = Pn.gcd(Pd)
    Pn, Pd = Pn.exquo(g), Pd.exquo(g)
    lc = Pd.LC()
    Pn, Pd = Pn.quo_ground(lc), Pd.quo_ground(lc)
    return sp.factor(Pn.as_expr() / Pd.as_expr(), extension=S2)


def to_ring(e):
    return RX(sp.expand(e))


def scaled_tableau(Aex, bex):
    """Common denominator D(x) of the a_ij(x); returns D*A, b, D*b, D as
    elements of Q(sqrt2)[x] (b must be polynomial in x)."""
    s = len(bex)
    fr = {}
    D = sp.Poly(1, xs, domain=KQ2)
    for i in range(s):
        for j in range(i):
            n, d = sp.fraction(sp.together(sp.sympify(Aex[i][j])))
            n, d = sp.Poly(n, xs, domain=KQ2), sp.Poly(d, xs, domain=KQ2)
            fr[i, j] = (n, d)
            D = D.lcm(d)
    NA = [[0] * s for _ in range(s)]
    for (i, j), (n, d) in fr.items():
        NA[i][j] = to_ring((n * D.exquo(d)).as_expr())
    Dr = to_ring(D.as_expr())
    br = [to_ring(v) for v in bex]
    return NA, br, [Dr * v for v in br], Dr


def composite_conditions_symbolic(Aex, bex, trees):
    """Returns dict t -> Phi_psi(t) as a sympy rational function of x,
    together with a flag dict t -> (identically zero?)."""
    NA, br, Db, D = scaled_tableau(Aex, bex)
    Ap, bp = composite_tableau(NA, br, Db)
    W = rk_weights(Ap, bp, trees)
    zero = {t: (W[t] == 0) for t in trees}
    return W, D, zero


def eval_weights_at(Aex, bex, xval, trees):
    """exact composite weights at a point x = xval in Q(sqrt2)"""
    s = len(bex)
    A = [[Q2.of(sp.sympify(Aex[i][j]).subs(xs, xval)) if j < i else 0
          for j in range(s)] for i in range(s)]
    b = [Q2.of(sp.sympify(v).subs(xs, xval)) for v in bex]
    Ap, bp = composite_tableau(A, b)
    return rk_weights(Ap, bp, trees)


def c_vec(Aex):
    return [sp.Add(*Aex[i]) if i else sp.Integer(0) for i in range(len(Aex))]


def stability_poly(Aex, bex, z):
    s = len(bex)
    Am = sp.Matrix(s, s, lambda i, j: Aex[i][j])
    bv = sp.Matrix([bex])
    e = sp.ones(s, 1)
    R = sp.Integer(1)
    v = e
    for k in range(1, s + 1):
        R += z**k * nice((bv * v)[0, 0])
        v = Am * v
    return R


# ===========================================================================
# part 1(a): tree counts
# ===========================================================================
banner('(a) rooted trees and the composite method Phi_{-h} o Phi_h')
print('number of rooted trees by order:', {k: len(v) for k, v in TREES.items()})
print('cumulative up to order 7:', sum(len(TREES[k]) for k in range(1, 8)))
print('composite tableau: A\' = [[A,0],[1 b^T,-A]], b\' = [b,-b];'
      ' EES(.,m) <=> Phi\'(t) = 0 for all |t| <= m')

ALL = {m: [t for k in range(1, m + 1) for t in TREES[k]] for m in range(1, 9)}

# ===========================================================================
# part 1(b): EES(2,5;x)
# ===========================================================================
banner('(b) EES(2,5;x), 3 stages, symbolic x')
x = xs
A25 = [[0, 0, 0],
       [(1 + 2 * x) / (4 * (1 - x)), 0, 0],
       [(4 * x - 1)**2 / (4 * (x - 1) * (1 - 4 * x**2)), (1 - x) / (1 - 4 * x**2), 0]]
b25 = [x, sp.Rational(1, 2), sp.Rational(1, 2) - x]
c25 = c_vec(A25)
print('c =', [nice(v) for v in c25])
assert same(c25[2], sp.Rational(3, 4) / (1 - x))
print('c3 == 3/(4(1-x)) :', same(c25[2], sp.Rational(3, 4) / (1 - x)))
bc = sp.Add(*[b25[i] * c25[i] for i in range(3)])
print('order 2:  sum b =', nice(sp.Add(*b25)), ';  b.c =', nice(bc))
assert same(sp.Add(*b25), 1) and same(bc, sp.Rational(1, 2))

W25, D25, Z25 = composite_conditions_symbolic(A25, b25, ALL[6])
ok5 = all(Z25[t] for t in ALL[5])
print('composite weights vanish identically in x for all %d trees of order <= 5: %s'
      % (len(ALL[5]), ok5))
assert ok5
fail6 = [t for t in TREES[6] if not Z25[t]]
print('order-6 trees (20): %d fail (nonzero as functions of x):' % len(fail6))
num_gcd = None
for t in TREES[6]:
    if Z25[t]:
        print('   %-22s 0' % tstr(t))
        continue
    val = nice(W25[t].as_expr() / D25.as_expr()**5)
    nn = sp.Poly(sp.fraction(sp.together(val))[0], xs, domain=KQ2)
    num_gcd = nn if num_gcd is None else num_gcd.gcd(nn)
    print('   %-22s %s' % (tstr(t), val))
print('gcd of the numerators of the failing order-6 weights:', num_gcd.as_expr(),
      '-> no x makes all of them vanish' if num_gcd.degree() <= 0 else '')
print('=> EES(2,5;x) is antisymmetric of order exactly 5 for every admissible x.')

# ===========================================================================
# part 1(c): EES(2,7;x) derivation
# ===========================================================================
banner('(c) EES(2,7;x), 4 stages: derivation of a_ij(x)')
b27 = [x, (2 - S2) / 2 - (1 - S2) * x, (1 - S2) * (x - 1), (2 - S2) / 2 - x]
print('b(x) =', b27, ' sum b =', sp.simplify(sp.Add(*b27)))
UNK = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)]
UNAME = ['a21', 'a31', 'a32', 'a41', 'a42', 'a43']
x0 = (5 - 3 * S2) / 14
inst1 = {'a21': (2 - S2) / 3, 'a31': (-4 + S2) / 24, 'a32': (4 + S2) / 8,
         'a41': (-176 + 145 * S2) / 168, 'a42': 3 * (8 - 5 * S2) / 56,
         'a43': 3 * (3 - S2) / 7}
x2 = (2 - S2) / 4
inst2 = {'a21': 1 - S2 / 2, 'a31': 0, 'a32': S2 / 2,
         'a41': 1 - S2 / 2, 'a42': 0, 'a43': S2 / 2}

# conditions used for the derivation: order-2 of Phi (b.c = 1/2 is the
# order-2 composite condition 2 b.c - 1 = 0) and composite conditions for all
# trees of order 2..6 (odd orders follow from the even ones, but are harmless)
COND_TREES = [t for k in range(2, 7) for t in TREES[k]]


def conditions(xv, avals):
    """composite weights for COND_TREES; xv and avals may be Q2 or Ser."""
    bq = [xv, (Q2(1) - Q2(0, 1, 2)) - (Q2(1) - Q2(0, 1)) * xv,
          (Q2(1) - Q2(0, 1)) * (xv - Q2(1)), (Q2(1) - Q2(0, 1, 2)) - xv]
    A = [[0] * 4 for _ in range(4)]
    for (i, j), v in zip(UNK, avals):
        A[i][j] = v
    Ap, bp = composite_tableau(A, bq)
    W = rk_weights(Ap, bp, COND_TREES)
    return [W[t] for t in COND_TREES]


x0q = Q2(5, -3, 14)
a0q = [Q2.of(inst1[n]) for n in UNAME]
F0 = conditions(x0q, a0q)
print('published default instance (x0=(5-3 sqrt2)/14) satisfies all %d conditions exactly: %s'
      % (len(F0), all(is_zero(v) or Q2.of(v).iszero() for v in F0)))

# exact Jacobian d F / d a at (x0, a0) via first-order series
Ser.N = 2
J0 = [[None] * 6 for _ in range(len(COND_TREES))]
for u in range(6):
    av = [Ser([a0q[k], Q2(1)]) if k == u else a0q[k] for k in range(6)]
    Fu = conditions(x0q, av)
    for r, v in enumerate(Fu):
        J0[r][u] = coeff_of(v, 1)
rows = q2_independent_rows(J0)
print('rank of the exact Jacobian at x0: %d  (rows used: %s)'
      % (len(rows), [tstr(COND_TREES[r]) for r in rows]))
assert len(rows) == 6

# order-by-order Taylor coefficients of a(x0 + t)
NSER = 18
series = [[a0q[k]] + [Q2(0)] * (NSER - 1) for k in range(6)]
tic = time.time()
for k in range(1, NSER):
    Ser.N = k + 1
    xv = Ser([x0q, Q2(1)])
    av = [Ser(series[u][:k + 1]) for u in range(6)]
    Fk = conditions(xv, av)
    r = [coeff_of(v, k) for v in Fk]
    sol = q2_solve([J0[i] for i in rows], [-r[i] for i in rows])
    for u in range(6):
        series[u][k] = sol[u]
    # all the other (redundant) conditions must be satisfied as well
    resid = [r[i] + sum((J0[i][u] * sol[u] for u in range(6)), Q2(0))
             for i in range(len(r))]
    assert all(v.iszero() for v in resid), 'inconsistent at order %d' % k
print('exact Taylor series of the branch through x0 computed to O(t^%d) '
      '(all %d conditions consistent at every order), %.1fs'
      % (NSER, len(COND_TREES), time.time() - tic))


def pade(f, p, q):
    N = len(f)
    fc = lambda k: f[k] if 0 <= k < N else Q2(0)
    if q > 0:
        M = [[fc(k - j) for j in range(1, q + 1)] for k in range(p + 1, p + q + 1)]
        v = [-fc(k) for k in range(p + 1, p + q + 1)]
        try:
            Qc = [Q2(1)] + q2_solve(M, v)
        except ZeroDivisionError:
            return None
    else:
        Qc = [Q2(1)]
    for k in range(p + q + 1, N):
        if not sum((Qc[j] * fc(k - j) for j in range(q + 1)), Q2(0)).iszero():
            return None
    P = [sum((Qc[j] * fc(k - j) for j in range(min(k, q) + 1)), Q2(0))
         for k in range(p + 1)]
    return P, Qc


t_ = xs - x0
derived = {}
for u, nm in enumerate(UNAME):
    found = None
    for tot in range(0, NSER - 4):
        for q in range(0, tot + 1):
            res = pade(series[u], tot - q, q)
            if res is not None:
                found = (tot - q, q, res)
                break
        if found:
            break
    assert found, nm
    p, q, (P, Qc) = found
    num = sp.expand(sum(P[k].sym() * t_**k for k in range(p + 1)))
    den = sp.expand(sum(Qc[k].sym() * t_**k for k in range(q + 1)))
    derived[nm] = nice(num / den)
    print('  %s: exact Pade [%d/%d] (confirmed by %d further series coefficients)'
          % (nm, p, q, NSER - p - q - 1))

# hand-simplified forms, s = sqrt(2)  (checked equal to the derived ones)
s = S2
closed = {
    'a21': (2 - s + 2 * s * x) / (4 * (1 - x)),
    'a31': -s * (2 * x + s) * (2 * x - 2 + s) * (4 * x - 2 + s)
           / (8 * (1 - x) * (1 - 2 * x) * (2 * x - 1 + s)),
    'a32': (s - 1) * (2 * x + s) / (2 * (1 - 2 * x) * (2 * x - 1 + s)),
    'a41': -(40 * x**4 + 40 * (s - 2) * x**3 + (88 - 60 * s) * x**2
             + (34 * s - 48) * x + 10 - 7 * s)
           / (2 * (1 - x) * (1 - 2 * x) * (2 * x + s) * (2 * x - 2 + s) * (2 * x - 1 + s)),
    'a42': (2 - s) * x * (1 - x) * (4 * x - 2 + s)
           / ((1 - 2 * x) * (2 * x - 2 + s) * (2 * x - 1 + s)),
    'a43': (2 - s) * (1 - x) * (2 * x - 1)
           / ((2 * x + s) * (2 * x - 2 + s)),
}
print('\nderived closed forms (sympy-factored) and hand-simplified equivalents:')
for nm in UNAME:
    eq = same(derived[nm], closed[nm])
    print('  %s = %s' % (nm, derived[nm]))
    print('      = %s     [equal: %s]' % (closed[nm], eq))
    assert eq
CPP = {
    'a21': "(2.0 - s + 2.0*s*x) / (4.0*(1.0 - x))",
    'a31': "-s*(2.0*x + s)*(2.0*x - 2.0 + s)*(4.0*x - 2.0 + s) / (8.0*(1.0 - x)*(1.0 - 2.0*x)*(2.0*x - 1.0 + s))",
    'a32': "(s - 1.0)*(2.0*x + s) / (2.0*(1.0 - 2.0*x)*(2.0*x - 1.0 + s))",
    'a41': "-(40.0*x*x*x*x + 40.0*(s - 2.0)*x*x*x + (88.0 - 60.0*s)*x*x + (34.0*s - 48.0)*x + 10.0 - 7.0*s) / (2.0*(1.0 - x)*(1.0 - 2.0*x)*(2.0*x + s)*(2.0*x - 2.0 + s)*(2.0*x - 1.0 + s))",
    'a42': "(2.0 - s)*x*(1.0 - x)*(4.0*x - 2.0 + s) / ((1.0 - 2.0*x)*(2.0*x - 2.0 + s)*(2.0*x - 1.0 + s))",
    'a43': "(2.0 - s)*(1.0 - x)*(2.0*x - 1.0) / ((2.0*x + s)*(2.0*x - 2.0 + s))",
}
import re
print('\nC++-ready forms (const double s = std::sqrt(2.0);), each checked equal:')
for nm in UNAME:
    e = sp.sympify(re.sub(r'(\d+)\.0\b', r'\1', CPP[nm]),
                   locals={'s': S2, 'x': xs})
    ok = same(e, closed[nm])
    print('  %s = %s;   [%s]' % (nm, CPP[nm], ok))
    assert ok

A27 = [[0, 0, 0, 0],
       [closed['a21'], 0, 0, 0],
       [closed['a31'], closed['a32'], 0, 0],
       [closed['a41'], closed['a42'], closed['a43'], 0]]
c27 = [nice(v) for v in c_vec(A27)]
print('\nc(x) =')
for i, v in enumerate(c27):
    print('  c%d = %s' % (i + 1, v))
c_simple = [0, (2 - s + 2 * s * x) / (4 * (1 - x)), (1 + s * x) / (2 * (1 - x)),
            (2 + s) / (4 * (1 - x))]
print('  i.e. c2 = (2-s+2 s x)/(4(1-x)), c3 = (1+s x)/(2(1-x)), c4 = (2+s)/(4(1-x)):',
      all(same(c27[i], c_simple[i]) for i in range(4)))
print('  so equivalently a31 = c3 - a32 and a41 = c4 - a42 - a43:',
      same(closed['a31'], c_simple[2] - closed['a32'])
      and same(closed['a41'], c_simple[3] - closed['a42'] - closed['a43']))
print('a41 numerator quartic irreducible over Q(sqrt2)?',
      len(sp.factor_list(40 * x**4 + 40 * (s - 2) * x**3 + (88 - 60 * s) * x**2
                         + (34 * s - 48) * x + 10 - 7 * s, extension=S2)[1]) == 1)

# symbolic verification, identically in x, of every condition up to order 7
tic = time.time()
bc27 = sp.Add(*[b27[i] * c27[i] for i in range(4)])
print('\norder 2 of Phi: sum b = 1: %s ; b.c = 1/2: %s'
      % (same(sp.Add(*b27), 1), same(bc27, sp.Rational(1, 2))))
W27, D27, Z27 = composite_conditions_symbolic(A27, b27, ALL[7])
ok7 = all(Z27[t] for t in ALL[7])
print('composite weights vanish identically in x for all %d trees of order <= 7: %s  (%.1fs)'
      % (len(ALL[7]), ok7, time.time() - tic))
assert ok7 and same(bc27, sp.Rational(1, 2))

# order 8 is not satisfied (exact evaluation at two points)
for xv_, lab in ((x0, 'x0 (default)'), (sp.Rational(1, 10), 'x = 1/10')):
    W8 = eval_weights_at(A27, b27, xv_, TREES[8])
    nz = [t for t in TREES[8] if not Q2.of(W8[t]).iszero()]
    t_ex = nz[0] if nz else None
    print('order-8 composite weights at %s: %d of %d nonzero, e.g. Phi\'(%s) = %s'
          % (lab, len(nz), len(TREES[8]), tstr(t_ex) if t_ex else '-',
             sp.nsimplify(Q2.of(W8[t_ex]).sym()) if t_ex else 0))
print('=> the family is EES(2,7;x) with antisymmetric order exactly 7.')

# ===========================================================================
# part 1(d): published instances
# ===========================================================================
banner('(d) published EES(2,7) instances reproduced exactly')
for lab, xv_, inst in (('default x=(5-3 sqrt2)/14', x0, inst1),
                       ('second  x=(2-sqrt2)/4   ', x2, inst2)):
    oks = []
    for nm in UNAME:
        v = sp.radsimp(closed[nm].subs(xs, xv_))
        oks.append(same(v, inst[nm]))
        print('  %s  %s(x) = %-22s published %-22s %s'
              % (lab, nm, sp.nsimplify(sp.radsimp(sp.expand(v))), inst[nm], oks[-1]))
    assert all(oks)
print('both published instances lie on the derived (rational) branch.')

# ===========================================================================
# part 1(e): singular values
# ===========================================================================
banner('(e) singular x values (zeros of the reduced denominators)')
def singular_values(Aex, names=None, verbose=False):
    out = set()
    k = 0
    for i in range(len(Aex)):
        for j in range(i):
            n, d = sp.fraction(sp.together(sp.sympify(Aex[i][j])))
            dp = sp.Poly(d, xs, domain=KQ2)
            if n == 0:
                continue
            g = dp.gcd(sp.Poly(n, xs, domain=KQ2))
            dp = dp.exquo(g)
            roots = [sp.nsimplify(sp.radsimp(r)) for r in sp.solve(dp.as_expr(), xs)]
            if verbose:
                print('  a%d%d: poles at %s' % (i + 1, j + 1, roots))
            out |= set(roots)
    return sorted(out, key=float)


sing = singular_values(A27, verbose=True)
print('family EES(2,7;x) undefined at x in', sing,
      '~', [round(float(r), 6) for r in sing])
print('  note: b2=0 at x=-sqrt2/2, b3=0 at x=1, b4=0 at x=(2-sqrt2)/2.')
print('EES(2,5;x) undefined at x in', singular_values(A25))

# ===========================================================================
# part 1(f): b.c^2 = 1/3 and b.A.c
# ===========================================================================
banner('(f) third-order quantities b.c^2 (= 1/3 ?) and b.A.c')
for lab, Aex, bex, xdef in (('EES(2,5;x)', A25, b25, sp.Rational(1, 10)),
                            ('EES(2,7;x)', A27, b27, x0)):
    cc = c_vec(Aex)
    bcc = nice(sp.Add(*[bex[i] * cc[i]**2 for i in range(len(bex))]))
    n, d = sp.fraction(sp.together(bcc - sp.Rational(1, 3)))
    sols = []
    for fac, mult in sp.factor_list(sp.expand(n), xs, extension=S2)[1]:
        fp = sp.Poly(fac, xs)
        if fp.degree() <= 2:
            sols += [sp.nsimplify(sp.radsimp(r)) for r in sp.solve(fac, xs)]
        else:
            sols += ['root of %s (real: %s)' % (fac, [sp.N(r, 8) for r in sp.Poly(fac, xs).nroots() if abs(sp.im(r)) < 1e-20])]
    Am = sp.Matrix(len(bex), len(bex), lambda i, j: Aex[i][j])
    bAc = nice((sp.Matrix([bex]) * Am * sp.Matrix(cc))[0, 0])
    print('%s: b.c^2 = %s' % (lab, bcc))
    print('    b.c^2 = 1/3  <=>  x in %s ~ %s' % (sols, [float(v) if not isinstance(v, str) else '-' for v in sols]))
    print('    at default x = %s: b.c^2 - 1/3 = %s' % (xdef, sp.radsimp(sp.expand(sp.radsimp(bcc.subs(xs, xdef)))) - sp.Rational(1, 3)))
    print('    b.A.c = %s' % bAc)
print('=> EES25: b.c^2 = 1/3 exactly at x = 1/10 (default) and b.A.c = 1/8 for all x;')
print('   EES27: b.c^2 = 1/3 holds at the default x0 (see roots above).')

# ===========================================================================
# part 1(g): stability polynomials
# ===========================================================================
banner('(g) linear stability polynomials R(z) = 1 + sum_k z^k b.A^(k-1).1')
z = sp.Symbol('z')
R25 = stability_poly(A25, b25, z)
R27 = stability_poly(A27, b27, z)
print('EES(2,5;x): R(z) =', sp.expand(R25), '  depends on x:', R25.has(xs))
print('EES(2,7;x): R(z) =', sp.collect(sp.expand(R27), z),
      '  depends on x:', R27.has(xs))
print('   i.e. R(z) = 1 + z + z^2/2 + (2-sqrt2)/4 z^3 + (sqrt2-1)^2/8 z^4 :',
      same(R27, 1 + z + z**2 / 2 + z**3 * (2 - S2) / 4 + z**4 * (S2 - 1)**2 / 8))
print('   (EES25: R = 1+z+z^2/2+z^3/8; neither agrees with exp(z) beyond z^2)')


# ===========================================================================
# optional: numerical search for other real solution branches
# ===========================================================================
def branch_search(xval, ntrial=400, seed=1):
    """Gauss-Newton (finite-difference Jacobian, plain floats) from random
    starts in [-3,3]^6 on the 36 composite conditions of order 2..6 at fixed
    x; returns the distinct real solutions found (numerical evidence only)."""
    import random
    rnd = random.Random(seed)
    xv = float(sp.N(xval))
    sq = 2 ** 0.5
    bq = [xv, (1 - sq / 2) - (1 - sq) * xv, (1 - sq) * (xv - 1), (1 - sq / 2) - xv]

    def F(a):
        A = [[0.0] * 4 for _ in range(4)]
        for (i, j), v in zip(UNK, a):
            A[i][j] = v
        Ap, bp = composite_tableau(A, bq)
        W = rk_weights(Ap, bp, COND_TREES)
        return [float(W[t]) for t in COND_TREES]

    def lsq_step(a):
        f0 = F(a)
        J = []
        for u in range(6):
            ap = list(a)
            hh = 1e-7 * max(1.0, abs(a[u]))
            ap[u] += hh
            fu = F(ap)
            J.append([(fu[r] - f0[r]) / hh for r in range(len(f0))])
        M = [[sum(J[i][r] * J[j][r] for r in range(len(f0))) for j in range(6)] +
             [sum(J[i][r] * f0[r] for r in range(len(f0)))] for i in range(6)]
        for c in range(6):
            pv = max(range(c, 6), key=lambda r: abs(M[r][c]))
            M[c], M[pv] = M[pv], M[c]
            if abs(M[c][c]) < 1e-300:
                raise ZeroDivisionError
            for r in range(6):
                if r != c:
                    fct = M[r][c] / M[c][c]
                    M[r] = [M[r][k] - fct * M[c][k] for k in range(7)]
        return [a[i] - M[i][6] / M[i][i] for i in range(6)], f0

    sols = []
    for _ in range(ntrial):
        a = [rnd.uniform(-3, 3) for _ in range(6)]
        try:
            for it in range(60):
                an, f0 = lsq_step(a)
                if max(abs(v) for v in an) > 1e3:
                    break
                done = max(abs(an[i] - a[i]) for i in range(6)) < 1e-11
                a = an
                if done:
                    break
        except (ZeroDivisionError, OverflowError):
            continue
        if max(abs(v) for v in F(a)) < 1e-9 and not any(
                max(abs(a[i] - q[i]) for i in range(6)) < 1e-6 for q in sols):
            sols.append(a)
    return sols


if '--branches' in sys.argv:
    banner('branch search (numerical evidence): real solutions at fixed x')
    for xv_ in (x0, sp.Rational(1, 10)):
        sols = branch_search(xv_)
        on = [max(abs(q[k] - float(sp.N(closed[UNAME[k]].subs(xs, xv_)))) for k in range(6)) < 1e-6
              for q in sols]
        print('x = %s: %d distinct real solution(s) found; on the rational branch: %s'
              % (xv_, len(sols), on))
        for q in sols:
            print('   ', ['%.10f' % v for v in q])
else:
    print('\n(run with --branches for a numerical search for other real solution branches)')


# ===========================================================================
# part 2: high-precision reversal test
# ===========================================================================
banner('(2) mpmath (50 digits): ||Phi_{-h}(Phi_h(y0)) - y0|| on y1\'=y2, y2\'=-sin(y1)')
mp.mp.dps = 50


def mp_tableau(Aex, bex, xval):
    s_ = len(bex)
    A = [[mp.mpf(0)] * s_ for _ in range(s_)]
    for i in range(s_):
        for j in range(i):
            A[i][j] = mp.mpf(str(sp.N(sp.sympify(Aex[i][j]).subs(xs, xval), 70)))
    b = [mp.mpf(str(sp.N(sp.sympify(v).subs(xs, xval), 70))) for v in bex]
    return A, b


def f_pend(y):
    return [y[1], -mp.sin(y[0])]


def rk_step(A, b, y, h):
    s_ = len(b)
    K = []
    for i in range(s_):
        Y = [y[d] + h * sum((A[i][j] * K[j][d] for j in range(i)), mp.mpf(0))
             for d in range(2)]
        K.append(f_pend(Y))
    return [y[d] + h * sum(b[i] * K[i][d] for i in range(s_)) for d in range(2)]


y0 = [mp.mpf('1.0'), mp.mpf('0.5')]
hs = [mp.mpf('0.2') / 2**k for k in range(7)]
# formulation check: composite tableau step == Phi_{-h}(Phi_h(y))
A_, b_ = mp_tableau(A27, b27, x0)
s4 = len(b_)
Ac = [[mp.mpf(0)] * (2 * s4) for _ in range(2 * s4)]
for i in range(s4):
    for j in range(s4):
        Ac[i][j] = A_[i][j]
        Ac[s4 + i][s4 + j] = -A_[i][j]
        Ac[s4 + i][j] = b_[j]
bc_ = b_ + [-v for v in b_]
h = mp.mpf('0.1')
d1 = rk_step(A_, b_, rk_step(A_, b_, y0, h), -h)
d2 = rk_step(Ac, bc_, y0, h)
print('formulation check (EES27 default, h=0.1): |composite-tableau step - '
      'Phi_{-h}(Phi_h(y0))| = %s   (while |Phi_{-h}(Phi_h(y0)) - y0| = %s)'
      % (mp.nstr(mp.norm(mp.matrix(d1) - mp.matrix(d2)), 3),
         mp.nstr(mp.norm(mp.matrix(d1) - mp.matrix(y0)), 3)))

cases = [('EES(2,5;1/10)', A25, b25, sp.Rational(1, 10), 6),
         ('EES(2,7;x0) default', A27, b27, x0, 8),
         ('EES(2,7;(2-sqrt2)/4)', A27, b27, x2, 8),
         ('EES(2,7;1/10) non-published', A27, b27, sp.Rational(1, 10), 8),
         ('EES(2,7;-1/3) non-published', A27, b27, sp.Rational(-1, 3), 8)]
for lab, Aex, bex, xv_, expect in cases:
    A_, b_ = mp_tableau(Aex, bex, xv_)
    errs = []
    for h in hs:
        y1 = rk_step(A_, b_, y0, h)
        y2 = rk_step(A_, b_, y1, -h)
        errs.append(mp.sqrt((y2[0] - y0[0])**2 + (y2[1] - y0[1])**2))
    slopes = [mp.log(errs[k] / errs[k + 1], 2) for k in range(len(errs) - 1)]
    # also the forward order (global-error-free check of local order 2 -> local err h^3)
    print('%-30s expected slope %d' % (lab, expect))
    print('   h:     ' + ' '.join('%9s' % mp.nstr(h, 4) for h in hs))
    print('   error: ' + ' '.join('%9s' % mp.nstr(e, 3) for e in errs))
    print('   slopes:' + ' '.join('%9s' % mp.nstr(v, 4) for v in slopes))

print('\ntotal run time %.1fs' % (time.time() - T_START))
