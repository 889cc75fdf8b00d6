/*
 boost/numeric/odeint/external/thrust_compat/thrust_compat_algebra.hpp

 thrust_compat_algebra: Boost 1.74's thrust_algebra (external/thrust/thrust_algebra.hpp, one
 thrust::for_each over a zip_iterator per call) with two corrections, so that code written
 for odeint's range_algebra also runs on Thrust vectors:

   - for_each2 ... for_each8 accept element-wise operations, op(x1_i, x2_i, ...), as
     range_algebra calls them, as well as Thrust-style operations that take the zipped tuple,
     op(tuple(x1_i, x2_i, ...)) (thrust_operations). Boost's thrust_algebra accepts only the
     latter, so e.g. integrate_reversible's finite-state check (an element-wise operation
     through for_each2) does not compile with it.
   - norm_inf(x) = max_i |x_i|. Boost's returns the element of largest magnitude with its
     sign (its reduction functor returns t1 or t2, not |t1| or |t2|), so a state whose
     largest entry is negative gets a negative "norm".

 It derives from thrust_algebra, so code that names thrust_algebra keeps working, and the
 dispatchers of thrust_dispatchers.hpp choose it for Thrust vectors.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_COMPAT_THRUST_COMPAT_ALGEBRA_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_COMPAT_THRUST_COMPAT_ALGEBRA_HPP_INCLUDED

#include <cstddef>
#include <type_traits>
#include <utility>

#include <boost/range/begin.hpp>
#include <boost/range/end.hpp>

#include <thrust/functional.h>
#include <thrust/iterator/zip_iterator.h>
#include <thrust/transform_reduce.h>
#include <thrust/tuple.h>
#include <thrust/zip_function.h>

#include <boost/numeric/odeint/external/thrust/thrust_algebra.hpp>

// `__host__ __device__` under nvcc, nothing otherwise. boost_ext/ stands alone (it includes
// nothing from the library's include/), so it names its own macro.
#ifndef BOOST_NUMERIC_ODEINT_THRUST_COMPAT_HOST_DEVICE
#ifdef __CUDACC__
#define BOOST_NUMERIC_ODEINT_THRUST_COMPAT_HOST_DEVICE __host__ __device__
#else
#define BOOST_NUMERIC_ODEINT_THRUST_COMPAT_HOST_DEVICE
#endif
#endif

namespace boost {
namespace numeric {
namespace odeint {

namespace detail {

/// The operation thrust::for_each gets for a zip: `op` itself when it takes the
/// zipped tuple, otherwise thrust::make_zip_function(op), which applies it to the members.
template <class Operation, class... Iterators>
auto zipped_operation(Operation op, Iterators...)
{
    // What dereferencing the zip yields (thrust::iterator_reference is deprecated in CCCL 3).
    using tuple_reference =
        decltype(*std::declval<thrust::zip_iterator<thrust::tuple<Iterators...>>&>());
    if constexpr (std::is_invocable<const Operation&, tuple_reference>::value)
        return op;
    else
        return thrust::make_zip_function(op);
}

/// |x| for the reduction of norm_inf.
template <class Value>
struct absolute_value
{
    BOOST_NUMERIC_ODEINT_THRUST_COMPAT_HOST_DEVICE Value operator()(const Value& x) const
    {
        return x < Value(0) ? -x : x;
    }
};

} // namespace detail

struct thrust_compat_algebra : thrust_algebra
{
    template <class S1, class Op>
    static void for_each1(S1& s1, Op op)
    {
        thrust_algebra::for_each1(s1, op);
    }

    template <class S1, class S2, class Op>
    static void for_each2(S1& s1, S2& s2, Op op)
    {
        thrust_algebra::for_each2(s1, s2, operation(op, s1, s2));
    }

    template <class S1, class S2, class S3, class Op>
    static void for_each3(S1& s1, S2& s2, S3& s3, Op op)
    {
        thrust_algebra::for_each3(s1, s2, s3, operation(op, s1, s2, s3));
    }

    template <class S1, class S2, class S3, class S4, class Op>
    static void for_each4(S1& s1, S2& s2, S3& s3, S4& s4, Op op)
    {
        thrust_algebra::for_each4(s1, s2, s3, s4, operation(op, s1, s2, s3, s4));
    }

    template <class S1, class S2, class S3, class S4, class S5, class Op>
    static void for_each5(S1& s1, S2& s2, S3& s3, S4& s4, S5& s5, Op op)
    {
        thrust_algebra::for_each5(s1, s2, s3, s4, s5, operation(op, s1, s2, s3, s4, s5));
    }

    template <class S1, class S2, class S3, class S4, class S5, class S6, class Op>
    static void for_each6(S1& s1, S2& s2, S3& s3, S4& s4, S5& s5, S6& s6, Op op)
    {
        thrust_algebra::for_each6(s1, s2, s3, s4, s5, s6,
                                  operation(op, s1, s2, s3, s4, s5, s6));
    }

    template <class S1, class S2, class S3, class S4, class S5, class S6, class S7, class Op>
    static void for_each7(S1& s1, S2& s2, S3& s3, S4& s4, S5& s5, S6& s6, S7& s7, Op op)
    {
        thrust_algebra::for_each7(s1, s2, s3, s4, s5, s6, s7,
                                  operation(op, s1, s2, s3, s4, s5, s6, s7));
    }

    template <class S1, class S2, class S3, class S4, class S5, class S6, class S7, class S8,
              class Op>
    static void for_each8(S1& s1, S2& s2, S3& s3, S4& s4, S5& s5, S6& s6, S7& s7, S8& s8,
                          Op op)
    {
        thrust_algebra::for_each8(s1, s2, s3, s4, s5, s6, s7, s8,
                                  operation(op, s1, s2, s3, s4, s5, s6, s7, s8));
    }

    /// max_i |x_i| (0 for an empty state).
    template <class S>
    static typename S::value_type norm_inf(const S& s)
    {
        using value_type = typename S::value_type;
        return thrust::transform_reduce(boost::begin(s), boost::end(s),
                                        detail::absolute_value<value_type>(), value_type(0),
                                        thrust::maximum<value_type>());
    }

private:
    template <class Op, class... States>
    static auto operation(Op op, States&... states)
    {
        return detail::zipped_operation(op, boost::begin(states)...);
    }
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_COMPAT_THRUST_COMPAT_ALGEBRA_HPP_INCLUDED
