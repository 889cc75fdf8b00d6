/*
 boost/numeric/odeint/external/thrust/thrust_stratonovich_sde.hpp

 thrust_stratonovich_sde: a driven system (system/driven_system.hpp) for Thrust states, the
 Stratonovich SDE with diagonal noise and element-wise coefficients

     dy_i = f(y_i, t) dt + g(y_i, t) ∘ dW_i,        i = 0 .. d−1,

 stepped by ees25, ees27 and reversible_heun on thrust::device_vector (doc/method.md §3). It
 is what driven_equation + make_stratonovich_sde (system/stratonovich_sde.hpp) are for
 std::vector, with every pass over the state one Thrust kernel. The field is F = (f, g),
 two device vectors (field_type = sde_coefficients<Vector, Vector>):

     sde(y, F, t)                       F_i = (f(y_i, t), g(y_i, t))            one transform
     sde.product(F, dt, dW, k)          k_i = f_i dt + g_i dW_i                 one transform
     sde.field_product(y, t, dt, dW, k) the two fused (EES stages)             one transform
     sde.product_transpose(v, dt, dW, G)  G_i = (v_i dt, v_i dW_i)              one transform
     sde.vjp(y, t, G, adj_y, adj_p)     adj_y_i += G.f_i f'(y_i) + G.g_i g'(y_i)  one for_each
                                        adj_p_j += Σ_i G.f_i ∂f/∂θ_j + G.g_i ∂g/∂θ_j
                                                                          one transform_reduce
 The terms of adj_p are formed in the state's precision (as on the host) and summed over the
 elements in double also for float states (parameter_cotangent_sum_t), so a float ensemble of
 10^7 paths loses no digits in the sum (in float it would: ~10^-3 relative at 10^7 paths).

 The increment dW over a step is generated on the device by the path (thrust_brownian_path,
 whose negated_increment serves backward steps) into a buffer the stepper owns.

 With W = thrust_brownian_path(brownian_path(seed, t0, t1, steps, 1, p), d), component i is
 the scalar path p + i: an ensemble of d independent SDE paths, element i being the solution
 on path p + i, the same numbers a std::vector solve on member(i) gives.

 Drift and Diffusion are element-wise functors, copied into the kernels, with

     Value operator()(Value y, Time t) const                  f(y, t), g(y, t)
 and, for vjp (integrate_reversible),
     Value derivative(Value y, Time t) const                  ∂f/∂y, ∂g/∂y
     static constexpr std::size_t parameter_count = P;        optional, 0 if absent
     Value parameter_derivative(Value y, Time t, std::size_t j) const   ∂f/∂θ_j, j < P

 all marked BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE (__host__ __device__ under nvcc). Drift and
 diffusion index the same parameter vector θ; adj_p (a host container with size() and [],
 e.g. std::vector) needs at least max(P_f, P_g) entries. The operations happen in the order
 of stratonovich_vector_field (f dt + g dW; drift, then diffusion, in vjp), so on a CPU backend
 k and adj_y equal the host's bit for bit; adj_p is a parallel reduction, equal to rounding.

 The system is a driven_equation (system/driven_equation.hpp) of the element-wise field
 thrust_diagonal_sde_field and the path: it holds no buffers (the stepper owns the increment
 and the field values), a copy costs O(1), and one object serves several steppers.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_STRATONOVICH_SDE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_STRATONOVICH_SDE_HPP_INCLUDED

#include <algorithm>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include <boost/range/begin.hpp>
#include <boost/range/end.hpp>

#include <thrust/device_vector.h>
#include <thrust/distance.h>
#include <thrust/for_each.h>
#include <thrust/iterator/zip_iterator.h>
#include <thrust/transform.h>
#include <thrust/transform_reduce.h>
#include <thrust/tuple.h>

#include <boost/numeric/odeint/system/driven_equation.hpp>
#include <boost/numeric/odeint/system/driven_system.hpp>
#include <boost/numeric/odeint/system/stratonovich_sde.hpp>  // sde_coefficients
#include <boost/numeric/odeint/util/ees_host_device.hpp>

namespace boost {
namespace numeric {
namespace odeint {

/// P of an element-wise coefficient: its parameter_count, 0 when it declares none.
template <class Coefficient, class = void>
struct elementwise_parameter_count : std::integral_constant<std::size_t, 0> {};

template <class Coefficient>
struct elementwise_parameter_count<Coefficient,
                                   std::void_t<decltype(Coefficient::parameter_count)>>
    : std::integral_constant<std::size_t, Coefficient::parameter_count> {};

/// Σ (∂K/∂θ_j) v for one element, K = f(y, t) h + g(y, t) dW, with vh = v·h, vdW = v·dW:
/// drift and diffusion share one parameter index space, each answering for the indices
/// below its parameter_count. Used by the adaptor's vjp and by the fused kernel.
template <class Drift, class Diffusion, class Value, class Time>
BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value elementwise_parameter_vjp(
    const Drift& drift, const Diffusion& diffusion, Value y, Time t, Value vh, Value vdW,
    std::size_t j)
{
    constexpr std::size_t drift_parameters = elementwise_parameter_count<Drift>::value;
    constexpr std::size_t diffusion_parameters = elementwise_parameter_count<Diffusion>::value;
    Value sum(0);
    if constexpr (drift_parameters > 0)
        if (j < drift_parameters)
            sum += vh * drift.parameter_derivative(y, t, j);
    if constexpr (diffusion_parameters > 0)
        if (j < diffusion_parameters)
            sum += vdW * diffusion.parameter_derivative(y, t, j);
    return sum;
}

namespace detail {

template <class... Ranges>
auto zip_begin(Ranges&... ranges)
{
    return thrust::make_zip_iterator(thrust::make_tuple(boost::begin(ranges)...));
}

template <class... Ranges>
auto zip_end(Ranges&... ranges)
{
    return thrust::make_zip_iterator(thrust::make_tuple(boost::end(ranges)...));
}

/// k_i = f(y_i, t) h + g(y_i, t) dW_i from the tuple (y_i, dW_i): field and product fused.
template <class Drift, class Diffusion, class Value, class Time>
struct diagonal_sde_stage
{
    Drift drift;
    Diffusion diffusion;
    Time t;
    Value h;

    template <class Tuple>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value operator()(Tuple element) const
    {
        const Value y = thrust::get<0>(element);
        const Value dW = thrust::get<1>(element);
        return drift(y, t) * h + diffusion(y, t) * dW;
    }
};

/// (f(y_i, t), g(y_i, t)) from y_i: one evaluation of the field F = (f, g).
template <class Drift, class Diffusion, class Value, class Time>
struct diagonal_sde_field
{
    Drift drift;
    Diffusion diffusion;
    Time t;

    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE thrust::tuple<Value, Value> operator()(Value y) const
    {
        return thrust::make_tuple(drift(y, t), diffusion(y, t));
    }
};

/// k_i = f_i h + g_i dW_i from the tuple (f_i, g_i, dW_i).
template <class Value>
struct diagonal_sde_product
{
    Value h;

    template <class Tuple>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value operator()(Tuple element) const
    {
        return thrust::get<0>(element) * h + thrust::get<1>(element) * thrust::get<2>(element);
    }
};

/// (v_i h, v_i dW_i) from the tuple (v_i, dW_i): the cotangents of f_i and g_i.
template <class Value>
struct diagonal_sde_product_transpose
{
    Value h;

    template <class Tuple>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE thrust::tuple<Value, Value>
    operator()(Tuple element) const
    {
        const Value v = thrust::get<0>(element);
        return thrust::make_tuple(v * h, v * thrust::get<1>(element));
    }
};

/// adj_y_i += F̄_i f'(y_i) + Ḡ_i g'(y_i) on the tuple (y_i, F̄_i, Ḡ_i, adj_y_i).
template <class Drift, class Diffusion, class Value, class Time>
struct diagonal_sde_state_vjp
{
    Drift drift;
    Diffusion diffusion;
    Time t;

    template <class Tuple>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE void operator()(Tuple element) const
    {
        const Value y = thrust::get<0>(element);
        Value adjoint = thrust::get<3>(element);
        adjoint += thrust::get<1>(element) * drift.derivative(y, t);
        adjoint += thrust::get<2>(element) * diffusion.derivative(y, t);
        thrust::get<3>(element) = adjoint;
    }
};

} // namespace detail

/// The type parameter cotangents of Value states are summed in: double, or Value when wider.
template <class Value>
using parameter_cotangent_sum_t = std::common_type_t<Value, double>;

namespace detail {

/// P values reduced together: one element's (or a partial sum of) parameter cotangents.
template <class Value, std::size_t P>
struct parameter_cotangent
{
    Value value[P];
};

template <class Value, std::size_t P>
struct parameter_cotangent_sum
{
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE parameter_cotangent<Value, P>
    operator()(const parameter_cotangent<Value, P>& a,
               const parameter_cotangent<Value, P>& b) const
    {
        parameter_cotangent<Value, P> sum{};
        for (std::size_t j = 0; j < P; ++j)
            sum.value[j] = a.value[j] + b.value[j];
        return sum;
    }
};

/// F̄_i ∂f/∂θ_j + Ḡ_i ∂g/∂θ_j, j < P, from the tuple (y_i, F̄_i, Ḡ_i): formed in Value,
/// returned in Sum (the type of the reduction over the elements).
template <class Drift, class Diffusion, class Value, class Time, std::size_t P,
          class Sum = parameter_cotangent_sum_t<Value>>
struct diagonal_sde_parameter_vjp
{
    Drift drift;
    Diffusion diffusion;
    Time t;

    template <class Tuple>
    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE parameter_cotangent<Sum, P>
    operator()(Tuple element) const
    {
        const Value y = thrust::get<0>(element);
        parameter_cotangent<Sum, P> cotangent{};
        for (std::size_t j = 0; j < P; ++j)
            cotangent.value[j] = static_cast<Sum>(elementwise_parameter_vjp(
                drift, diffusion, y, t, Value(thrust::get<1>(element)),
                Value(thrust::get<2>(element)), j));
        return cotangent;
    }
};

} // namespace detail

/// The vector field of thrust_stratonovich_sde, F = (f, g) element-wise on states of
/// `dimension` elements, in the form driven_equation (system/driven_equation.hpp) takes.
template <class Drift, class Diffusion, class Vector>
class thrust_diagonal_sde_field
{
public:
    using drift_type = Drift;
    using diffusion_type = Diffusion;
    using field_type = sde_coefficients<Vector, Vector>;
    using value_type = typename Vector::value_type;

    /// max(P_f, P_g): the entries of θ that vjp adds to.
    static constexpr std::size_t parameter_count =
        std::max(elementwise_parameter_count<Drift>::value,
                 elementwise_parameter_count<Diffusion>::value);

    thrust_diagonal_sde_field(Drift drift, Diffusion diffusion, std::size_t dimension)
        : m_drift(std::move(drift)), m_diffusion(std::move(diffusion)), m_dimension(dimension)
    {
    }

    const Drift& drift() const { return m_drift; }
    const Diffusion& diffusion() const { return m_diffusion; }
    std::size_t dimension() const { return m_dimension; }

    template <class StateIn>
    field_type make_field(const StateIn& y) const
    {
        check_state_size(y, "the state");
        return field_type{Vector(m_dimension), Vector(m_dimension)};
    }

    /// F = (f(y_i, t), g(y_i, t)), element-wise: one transform.
    template <class StateIn, class Time>
    void operator()(const StateIn& y, field_type& F, Time t) const
    {
        check_state_size(y, "the state");
        thrust::transform(boost::begin(y), boost::end(y),
                          detail::zip_begin(F.drift, F.diffusion),
                          detail::diagonal_sde_field<Drift, Diffusion, value_type, Time>{
                              m_drift, m_diffusion, t});
    }

    /// k_i = f_i dt + g_i dW_i: one transform.
    template <class Time, class DerivOut>
    void product(const field_type& F, Time dt, const Vector& dW, DerivOut& k) const
    {
        thrust::transform(detail::zip_begin(F.drift, F.diffusion, dW),
                          detail::zip_end(F.drift, F.diffusion, dW), boost::begin(k),
                          detail::diagonal_sde_product<value_type>{static_cast<value_type>(dt)});
    }

    /// k_i = f(y_i, t) dt + g(y_i, t) dW_i in one transform (what the EES stages use): the
    /// arithmetic of operator() and product() without the field's two vectors.
    template <class StateIn, class Time, class DerivOut>
    void field_product(const StateIn& y, Time t, Time dt, const Vector& dW, DerivOut& k) const
    {
        check_state_size(y, "the state");
        thrust::transform(detail::zip_begin(y, dW), detail::zip_end(y, dW), boost::begin(k),
                          detail::diagonal_sde_stage<Drift, Diffusion, value_type, Time>{
                              m_drift, m_diffusion, t, static_cast<value_type>(dt)});
    }

    /// G = (v dt, v ⊙ dW): one transform.
    template <class Cotangent, class Time>
    void product_transpose(const Cotangent& v, Time dt, const Vector& dW, field_type& G) const
    {
        check_state_size(v, "the cotangent v");
        thrust::transform(detail::zip_begin(v, dW), detail::zip_end(v, dW),
                          detail::zip_begin(G.drift, G.diffusion),
                          detail::diagonal_sde_product_transpose<value_type>{
                              static_cast<value_type>(dt)});
    }

    /// Adds (∂F/∂y)ᵀG to adj_y and (∂F/∂θ)ᵀG to adj_p (see the header comment for what
    /// Drift and Diffusion must provide): one for_each and one transform_reduce, whose sum
    /// over the elements is taken in parameter_cotangent_sum_t<value_type> (double).
    template <class StateIn, class Adjoint, class ParameterAdjoint, class Time>
    void vjp(const StateIn& y, Time t, const field_type& G, Adjoint& adj_y,
             ParameterAdjoint& adj_p) const
    {
        check_state_size(y, "the state");
        check_state_size(adj_y, "adj_y");
        const Vector& f_bar = G.drift;
        const Vector& g_bar = G.diffusion;
        thrust::for_each(detail::zip_begin(y, f_bar, g_bar, adj_y),
                         detail::zip_end(y, f_bar, g_bar, adj_y),
                         detail::diagonal_sde_state_vjp<Drift, Diffusion, value_type, Time>{
                             m_drift, m_diffusion, t});
        if constexpr (parameter_count > 0)
        {
            if (static_cast<std::size_t>(adj_p.size()) < parameter_count)
                throw std::invalid_argument(
                    "thrust_stratonovich_sde::vjp: adj_p has size " +
                    std::to_string(adj_p.size()) + " but the coefficients have " +
                    std::to_string(parameter_count) + " parameters");
            using sum_type = parameter_cotangent_sum_t<value_type>;
            using cotangent = detail::parameter_cotangent<sum_type, parameter_count>;
            const cotangent sum = thrust::transform_reduce(
                detail::zip_begin(y, f_bar, g_bar), detail::zip_end(y, f_bar, g_bar),
                detail::diagonal_sde_parameter_vjp<Drift, Diffusion, value_type, Time,
                                                   parameter_count>{m_drift, m_diffusion, t},
                cotangent{}, detail::parameter_cotangent_sum<sum_type, parameter_count>());
            for (std::size_t j = 0; j < parameter_count; ++j)
                adj_p[j] += sum.value[j];
        }
    }

private:
    template <class Range>
    void check_state_size(const Range& x, const char* what) const
    {
        const auto size = thrust::distance(boost::begin(x), boost::end(x));
        if (size < 0 || static_cast<std::size_t>(size) != m_dimension)
            throw std::invalid_argument(
                std::string("thrust_stratonovich_sde (diagonal noise): ") + what + " has size " +
                std::to_string(size) + " but the path has dimension " +
                std::to_string(m_dimension));
    }

    Drift m_drift;
    Diffusion m_diffusion;
    std::size_t m_dimension;
};

/// The SDE of the header comment: driven_equation of thrust_diagonal_sde_field and the path.
template <class Drift, class Diffusion, class Path,
          class Vector = thrust::device_vector<typename Path::value_type>>
class thrust_stratonovich_sde
    : public driven_equation<thrust_diagonal_sde_field<Drift, Diffusion, Vector>, Path, Vector>
{
    using base =
        driven_equation<thrust_diagonal_sde_field<Drift, Diffusion, Vector>, Path, Vector>;

public:
    using drift_type = Drift;
    using diffusion_type = Diffusion;
    using value_type = typename Path::value_type;

    /// max(P_f, P_g): the entries of θ that vjp adds to.
    static constexpr std::size_t parameter_count =
        thrust_diagonal_sde_field<Drift, Diffusion, Vector>::parameter_count;

    // The path is copied once (not moved): its dimension sizes the field, and the order in
    // which the base's two arguments are made is unspecified.
    thrust_stratonovich_sde(Drift drift, Diffusion diffusion, const Path& path)
        : base(typename base::vector_field_type(std::move(drift), std::move(diffusion),
                                                path.dimension()),
               path)
    {
    }

    const Drift& drift() const { return this->field().drift(); }
    const Diffusion& diffusion() const { return this->field().diffusion(); }
};

/// dy_i = drift(y_i, t) dt + diffusion(y_i, t) ∘ dW_i on the path `path` (see above).
template <class Vector = void, class Drift, class Diffusion, class Path>
auto make_thrust_stratonovich_sde(Drift drift, Diffusion diffusion, Path path)
{
    using increment = std::conditional_t<std::is_void<Vector>::value,
                                         thrust::device_vector<typename Path::value_type>,
                                         Vector>;
    return thrust_stratonovich_sde<Drift, Diffusion, Path, increment>(
        std::move(drift), std::move(diffusion), path);
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_STRATONOVICH_SDE_HPP_INCLUDED
