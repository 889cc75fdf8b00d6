/*
 boost/numeric/odeint/util/detail/scale_sum.hpp

 out = c_0 t_0 + c_1 t_1 + ... + c_{N-1} t_{N-1} for N = 1..7 terms, as one pass of the
 stepper's algebra with the operations' scale_sumN functor. Choosing scale_sumN from the
 number of terms at compile time lets a stepper write each Runge–Kutta stage as one call,
 for every odeint algebra (range, vector_space, fusion, thrust).

 The coefficients may differ in type, as in odeint's own steppers: a stage
 Y = 1·x + (a dt)·k of a state with units (Boost.Units) has a dimensionless first coefficient
 and time-valued others. scale_sum(algebra, out, coefficients, terms...) takes a std::array
 of one type or a std::tuple.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_UTIL_DETAIL_SCALE_SUM_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_UTIL_DETAIL_SCALE_SUM_HPP_INCLUDED

#include <array>
#include <cstddef>
#include <tuple>
#include <utility>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

template <class Operations, class Algebra, class Out, class... C, class... Terms>
void scale_sum(Algebra& algebra, Out& out, const std::tuple<C...>& c, const Terms&... terms)
{
    constexpr std::size_t N = sizeof...(C);
    static_assert(sizeof...(Terms) == N, "one coefficient per term");
    using std::get;
    if constexpr (N == 1)  // thrust_operations has no scale_sum1: c_0 t_0 + 0 t_0
    {
        using C0 = std::tuple_element_t<0, std::tuple<C...>>;
        algebra.for_each3(out, terms..., terms...,
            typename Operations::template scale_sum2<C0, C0>(get<0>(c), C0(get<0>(c) * 0)));
    }
    else if constexpr (N == 2)
        algebra.for_each3(out, terms...,
            typename Operations::template scale_sum2<C...>(get<0>(c), get<1>(c)));
    else if constexpr (N == 3)
        algebra.for_each4(out, terms...,
            typename Operations::template scale_sum3<C...>(get<0>(c), get<1>(c), get<2>(c)));
    else if constexpr (N == 4)
        algebra.for_each5(out, terms...,
            typename Operations::template scale_sum4<C...>(get<0>(c), get<1>(c), get<2>(c),
                                                           get<3>(c)));
    else if constexpr (N == 5)
        algebra.for_each6(out, terms...,
            typename Operations::template scale_sum5<C...>(get<0>(c), get<1>(c), get<2>(c),
                                                           get<3>(c), get<4>(c)));
    else if constexpr (N == 6)
        algebra.for_each7(out, terms...,
            typename Operations::template scale_sum6<C...>(get<0>(c), get<1>(c), get<2>(c),
                                                           get<3>(c), get<4>(c), get<5>(c)));
    else
    {
        static_assert(N == 7, "scale_sum supports 1 to 7 terms");
        algebra.for_each8(out, terms...,
            typename Operations::template scale_sum7<C...>(get<0>(c), get<1>(c), get<2>(c),
                                                           get<3>(c), get<4>(c), get<5>(c),
                                                           get<6>(c)));
    }
}

template <class Value, std::size_t N, std::size_t... I>
auto as_tuple(const std::array<Value, N>& c, std::index_sequence<I...>)
{
    return std::tuple<decltype((void)I, Value())...>(c[I]...);
}

template <class Operations, class Algebra, class Out, class Value, std::size_t N, class... Terms>
void scale_sum(Algebra& algebra, Out& out, const std::array<Value, N>& c, const Terms&... terms)
{
    scale_sum<Operations>(algebra, out, as_tuple(c, std::make_index_sequence<N>{}), terms...);
}

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_UTIL_DETAIL_SCALE_SUM_HPP_INCLUDED
