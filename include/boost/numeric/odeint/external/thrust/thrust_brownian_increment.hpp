/*
 boost/numeric/odeint/external/thrust/thrust_brownian_increment.hpp

 brownian_increment_functor<Value>: the Brownian increment of brownian_path
 (noise/brownian_path.hpp) over the grid steps [first_step, last_step), computed on the device
 from the counter-based noise, one element per call, for thrust::transform over a
 counting_iterator:

     thrust::transform(thrust::counting_iterator<std::uint64_t>(0),
                       thrust::counting_iterator<std::uint64_t>(dW.size()), dW.begin(), f);

 writes dW[e] = ± Σ_{k = first_step}^{last_step - 1} sqrt(h) Z(seed, p, k, c)   with
 p = first_path + e / components, c = e % components: element e is component c of noise path
 p. So one functor serves

   - one m-dimensional path (components = m, the path's own index as first_path): dW is
     W(t_k1) − W(t_k0) of that path, component by component;
   - an ensemble of n paths of dimension m, flattened path-major (element p m + c); with
     m = 1, element e is the scalar path first_path + e, the layout of an SDE ensemble with
     one path per vector element (10^6 GBM paths on a GPU).

 Each value is brownian_grid_increment (noise/brownian_path.hpp: the dyadic construction over
 the grid, Philox-4x32-10 under key noise_key(seed, p), the library's normal transform), the
 arithmetic brownian_path::increment does on the host in the same order with correctly
 rounded operations only, so a CPU backend gives the host's values bit for bit, and so does
 CUDA (the operations are the __dmul_rn/__dadd_rn family there, never contracted; see
 noise/detail/exact_rounding.hpp for the flags that would void it). The functor is a plain
 value type: no allocation, no host access, nothing checked on the device;
 thrust_brownian_path (thrust_brownian_path.hpp) maps times to steps and checks them on the
 host before it launches this functor.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_BROWNIAN_INCREMENT_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_BROWNIAN_INCREMENT_HPP_INCLUDED

#include <cstdint>

#include <boost/numeric/odeint/noise/brownian_path.hpp>
#include <boost/numeric/odeint/noise/noise_key.hpp>

namespace boost {
namespace numeric {
namespace odeint {

/// dW[e] = ±(W(t_last_step) − W(t_first_step)) of component e % components of noise path
/// first_path + e / components; see the header comment.
template <class Value>
struct brownian_increment_functor
{
    std::uint64_t seed;
    std::uint64_t first_path;
    std::uint64_t components;    ///< m, the dimension of each path (> 0)
    std::uint64_t first_step;    ///< k0
    std::uint64_t last_step;     ///< k1 >= k0 (k1 = k0: an empty span, dW = 0)
    unsigned levels;             ///< brownian_path::levels()
    Value sqrt_dt;               ///< brownian_path::sqrt_dt()
    bool negated;                ///< W(t_k0) − W(t_k1) instead (a backward step)

    BOOST_RANDOM_HOST_DEVICE Value operator()(std::uint64_t element) const
    {
        const std::uint64_t path = first_path + element / components;
        const std::uint64_t component = element % components;
        const Value sum = brownian_grid_increment<Value>(noise_key(seed, path), levels,
                                                         first_step, last_step, component, sqrt_dt);
        return negated ? -sum : sum;
    }
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_BROWNIAN_INCREMENT_HPP_INCLUDED
