#!/usr/bin/env python3
"""40-digit reference values of the EES(2,5;x) and EES(2,7;x) coefficients for
test/test_ees_coefficients.cpp.

Each coefficient is evaluated exactly as a + b*sqrt(2) with a, b rational (fractions), from
the closed forms in include/boost/numeric/odeint/stepper/ees25.hpp and ees27.hpp, then
printed to 40 significant digits with decimal at 100 digits of working precision. The
parameters: EES(2,5) at x = 1/10 (the default) and x = 3/8; EES(2,7) at the two published
instances x = (5 - 3 sqrt 2)/14 and (2 - sqrt 2)/4, and at x = 1/8. 3/8 and 1/8 are exact
in every binary format, so the stepper's x is the reference's x.

Run: python3 doc/derivations/ees_reference_coefficients.py
"""
from decimal import Decimal, getcontext
from fractions import Fraction as F

getcontext().prec = 100
ROOT2 = Decimal(2).sqrt()


class Surd:
    """a + b sqrt(2), exactly."""

    def __init__(self, a, b=0):
        self.a, self.b = F(a), F(b)

    def __add__(self, o):
        o = lift(o)
        return Surd(self.a + o.a, self.b + o.b)

    __radd__ = __add__

    def __sub__(self, o):
        o = lift(o)
        return Surd(self.a - o.a, self.b - o.b)

    def __rsub__(self, o):
        return lift(o) - self

    def __neg__(self):
        return Surd(-self.a, -self.b)

    def __mul__(self, o):
        o = lift(o)
        return Surd(self.a * o.a + 2 * self.b * o.b, self.a * o.b + self.b * o.a)

    __rmul__ = __mul__

    def __truediv__(self, o):
        o = lift(o)
        norm = o.a * o.a - 2 * o.b * o.b
        p = self * Surd(o.a, -o.b)
        return Surd(p.a / norm, p.b / norm)

    def __rtruediv__(self, o):
        return lift(o) / self

    def decimal(self):
        return (Decimal(self.a.numerator) / Decimal(self.a.denominator)
                + Decimal(self.b.numerator) / Decimal(self.b.denominator) * ROOT2)


def lift(v):
    return v if isinstance(v, Surd) else Surd(v)


def ees25(x):
    a21 = (1 + 2 * x) / (4 * (1 - x))
    a31 = (4 * x - 1) * (4 * x - 1) / (4 * (x - 1) * (1 - 4 * x * x))
    a32 = (1 - x) / (1 - 4 * x * x)
    b = [x, Surd(F(1, 2)), F(1, 2) - x]
    c = [Surd(0), a21, a31 + a32]
    return [a21, a31, a32] + b + c


def ees27(x):
    s = Surd(0, 1)
    w, p, q, r = x - 1, x - F(1, 2), x - F(1, 2) + s / 2, x + s / 2
    u, v = x - 1 + s / 2, x - F(1, 2) + s / 4
    quartic = (40 * x * x * x * x + 40 * (s - 2) * x * x * x + (88 - 60 * s) * x * x
               + (34 * s - 48) * x + 10 - 7 * s)
    a21 = -s * q / (2 * w)
    a31 = -(2 + s) * r * u * v / (2 * (1 + s) * w * p * q)
    a32 = -r / (4 * (1 + s) * p * q)
    a41 = -quartic / (32 * w * p * r * u * q)
    a42 = (1 + s) * x * w * v / ((4 + 3 * s) * p * u * q)
    a43 = -s * w * p / (2 * (1 + s) * r * u)
    b = [x, (2 - s) / 2 - (1 - s) * x, (1 - s) * (x - 1), (2 - s) / 2 - x]
    c = [Surd(0), a21, a31 + a32, a41 + a42 + a43]
    return [a21, a31, a32, a41, a42, a43] + b + c


def digits40(value):
    d = value.decimal()
    if d == 0:
        return "0"
    return format(+d.normalize().quantize(Decimal(1).scaleb(d.adjusted() - 39)), "e")


CASES = [
    ("ees25, x = 1/10", ees25(Surd(F(1, 10)))),
    ("ees25, x = 3/8", ees25(Surd(F(3, 8)))),
    ("ees27, x = (5 - 3 sqrt 2)/14", ees27(Surd(F(5, 14), F(-3, 14)))),
    ("ees27, x = (2 - sqrt 2)/4", ees27(Surd(F(1, 2), F(-1, 4)))),
    ("ees27, x = 1/8", ees27(Surd(F(1, 8)))),
]

if __name__ == "__main__":
    for name, values in CASES:
        print(name)
        for value in values:
            print('    "%s",' % digits40(value))
