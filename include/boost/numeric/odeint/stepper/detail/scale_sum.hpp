/*
 boost/numeric/odeint/stepper/detail/scale_sum.hpp

 out = c_0 t_0 + c_1 t_1 + ... + c_{N-1} t_{N-1} for N = 1..7 terms, as one pass of the
 stepper's algebra with the operations' scale_sumN functor. Choosing scale_sumN from the
 number of terms at compile time lets a stepper write each Runge–Kutta stage as one call,
 for every odeint algebra (range, vector_space, thrust).

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_SCALE_SUM_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_SCALE_SUM_HPP_INCLUDED

#include <array>
#include <cstddef>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

template <class Operations, class Algebra, class Out, class Value, std::size_t N, class... Terms>
void scale_sum(Algebra& algebra, Out& out, const std::array<Value, N>& c, const Terms&... terms)
{
    static_assert(sizeof...(Terms) == N, "one coefficient per term");
    using V = Value;
    if constexpr (N == 1)  // thrust_operations has no scale_sum1: c_0 t_0 + 0 t_0
        algebra.for_each3(out, terms..., terms...,
            typename Operations::template scale_sum2<V, V>(c[0], V(0)));
    else if constexpr (N == 2)
        algebra.for_each3(out, terms...,
            typename Operations::template scale_sum2<V, V>(c[0], c[1]));
    else if constexpr (N == 3)
        algebra.for_each4(out, terms...,
            typename Operations::template scale_sum3<V, V, V>(c[0], c[1], c[2]));
    else if constexpr (N == 4)
        algebra.for_each5(out, terms...,
            typename Operations::template scale_sum4<V, V, V, V>(c[0], c[1], c[2], c[3]));
    else if constexpr (N == 5)
        algebra.for_each6(out, terms...,
            typename Operations::template scale_sum5<V, V, V, V, V>(c[0], c[1], c[2], c[3], c[4]));
    else if constexpr (N == 6)
        algebra.for_each7(out, terms...,
            typename Operations::template scale_sum6<V, V, V, V, V, V>(
                c[0], c[1], c[2], c[3], c[4], c[5]));
    else
    {
        static_assert(N == 7, "scale_sum supports 1 to 7 terms");
        algebra.for_each8(out, terms...,
            typename Operations::template scale_sum7<V, V, V, V, V, V, V>(
                c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
    }
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_STEPPER_DETAIL_SCALE_SUM_HPP_INCLUDED
