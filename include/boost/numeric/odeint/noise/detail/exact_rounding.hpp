/*
 boost/numeric/odeint/noise/detail/exact_rounding.hpp

 The noise is bitwise the same under every build flag and on every backend because its
 arithmetic is a fixed sequence of correctly rounded IEEE operations (+, −, ×, /, sqrt and
 exact integer conversions): no library call, and no multiply–add contracted into a fused
 one, whose single rounding would change the last bits on machines that have FMA
 (-march=native) against machines that do not (SSE2).

   BOOST_ODEINT_EES_EXACT_ROUNDING_BEGIN / _END bracket the definitions of the noise
   arithmetic (the headers of noise/ and the device increments). They switch contraction off:
     GCC       #pragma GCC optimize("fp-contract=off", "vect-cost-model=dynamic") (GCC does
               not inline these functions into callers compiled with other options; they are
               called instead; the cost model lets -O2 vectorise their loops as -O3 does),
     clang     #pragma clang fp contract(off) between float_control(push) and (pop),
   and nothing on compilers that do not contract by default. Flags that override pragmas
   void the guarantee: clang's -ffp-contract=fast (use fast-honor-pragmas), and -ffast-math
   or -Ofast anywhere.
   On a CUDA device (nvcc, which contracts by default), the operations go through the
   round-to-nearest intrinsics __dmul_rn, __dadd_rn, __fmul_rn, __fadd_rn, which are never
   contracted; division and sqrt are IEEE unless -prec-div=false, -prec-sqrt=false or
   --use_fast_math is given.

 detail::rn::mul, add, sub are the operations to use in code that may run on a device.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_NOISE_DETAIL_EXACT_ROUNDING_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_NOISE_DETAIL_EXACT_ROUNDING_HPP_INCLUDED

#include <boost/random/philox.hpp>

#if defined(__clang__)
#define BOOST_ODEINT_EES_EXACT_ROUNDING_BEGIN                                                   \
    _Pragma("float_control(push)") _Pragma("clang fp contract(off)")
#define BOOST_ODEINT_EES_EXACT_ROUNDING_END _Pragma("float_control(pop)")
#elif defined(__GNUC__) && !defined(__INTEL_COMPILER) && !defined(__NVCOMPILER) &&            \
    !defined(__CUDA_ARCH__)
#if defined(__CUDACC__) // nvcc's front end passes the pragma on to the host compiler
#define BOOST_ODEINT_EES_EXACT_ROUNDING_SILENCE_NVCC _Pragma("nv_diag_suppress 1675")
#define BOOST_ODEINT_EES_EXACT_ROUNDING_RESTORE_NVCC _Pragma("nv_diag_default 1675")
#else
#define BOOST_ODEINT_EES_EXACT_ROUNDING_SILENCE_NVCC
#define BOOST_ODEINT_EES_EXACT_ROUNDING_RESTORE_NVCC
#endif
#define BOOST_ODEINT_EES_EXACT_ROUNDING_BEGIN                                                   \
    BOOST_ODEINT_EES_EXACT_ROUNDING_SILENCE_NVCC _Pragma("GCC push_options")                   \
        _Pragma("GCC optimize(\"fp-contract=off\", \"vect-cost-model=dynamic\")")
#define BOOST_ODEINT_EES_EXACT_ROUNDING_END                                                     \
    _Pragma("GCC pop_options") BOOST_ODEINT_EES_EXACT_ROUNDING_RESTORE_NVCC
#else
#define BOOST_ODEINT_EES_EXACT_ROUNDING_BEGIN
#define BOOST_ODEINT_EES_EXACT_ROUNDING_END
#endif

BOOST_ODEINT_EES_EXACT_ROUNDING_BEGIN

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {
namespace rn {

BOOST_RANDOM_HOST_DEVICE inline double mul(double a, double b)
{
#ifdef __CUDA_ARCH__
    return __dmul_rn(a, b);
#else
    return a * b;
#endif
}

BOOST_RANDOM_HOST_DEVICE inline double add(double a, double b)
{
#ifdef __CUDA_ARCH__
    return __dadd_rn(a, b);
#else
    return a + b;
#endif
}

BOOST_RANDOM_HOST_DEVICE inline double sub(double a, double b)
{
#ifdef __CUDA_ARCH__
    return __dsub_rn(a, b);
#else
    return a - b;
#endif
}

BOOST_RANDOM_HOST_DEVICE inline float mul(float a, float b)
{
#ifdef __CUDA_ARCH__
    return __fmul_rn(a, b);
#else
    return a * b;
#endif
}

BOOST_RANDOM_HOST_DEVICE inline float add(float a, float b)
{
#ifdef __CUDA_ARCH__
    return __fadd_rn(a, b);
#else
    return a + b;
#endif
}

BOOST_RANDOM_HOST_DEVICE inline float sub(float a, float b)
{
#ifdef __CUDA_ARCH__
    return __fsub_rn(a, b);
#else
    return a - b;
#endif
}

} // namespace rn
} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

BOOST_ODEINT_EES_EXACT_ROUNDING_END

#endif // BOOST_NUMERIC_ODEINT_NOISE_DETAIL_EXACT_ROUNDING_HPP_INCLUDED
