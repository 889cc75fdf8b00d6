/*
 boost/numeric/odeint/system/stratonovich_sde.hpp

 The Stratonovich SDE  dy = f(t, y) dt + g(t, y) ∘ dW  as a driven system, for the common
 noise structures (doc/method.md §3). The user writes drift and diffusion in odeint's style,

     drift(y, f, t)         // f = f(t, y), state-shaped
     diffusion(y, g, t)     // g = g(t, y), shaped by the noise type:

   diagonal_noise   g state-shaped (d), W has d components:   k_i = f_i dt + g_i dW_i
   scalar_noise     g state-shaped (d), W has 1 component:    k_i = f_i dt + g_i dW
   general_noise    g a d×m matrix, row-major in a std::vector<value> of size d·m,
                    W has m components:                       k_i = f_i dt + Σ_j g_ij dW_j

 Additive noise is any of these with a g that does not depend on y; additive_noise names the
 diagonal case (g state-shaped, W has d components, stepped as diagonal_noise), and is
 accepted by make_ito_sde too, where Itô and Stratonovich agree. For gradients
 (integrate_reversible) drift and diffusion provide vector–Jacobian products that ADD:

     drift.vjp(y, t, v, adj_y, adj_p)       // (∂f/∂y)ᵀv, (∂f/∂θ)ᵀv,  v state-shaped
     diffusion.vjp(y, t, u, adj_y, adj_p)   // Σ_i u_i ∂g_i/∂y (and /∂θ), u shaped like g

 The vector field is F = (f, g) (stratonovich_vector_field, whose field_type
 sde_coefficients holds both values); its product with the increment is f dt + g dW, and the
 transpose of that product gives the drift the cotangent v·dt and the diffusion u = v ⊙ dW
 (diagonal), v·dW (scalar) or u_ij = v_i dW_j (general). Each stage costs one drift and one
 diffusion evaluation; reversible_heun keeps F and costs one of each per step. The field
 holds no work space (the stepper owns the buffers), so one SDE object can be stepped from
 several threads at once when drift and diffusion allow it. The adaptors index states with []
 and size(), so they serve std::vector, std::array, boost::array and the like; other state
 types (Thrust) have their own field (external/thrust/thrust_stratonovich_sde.hpp).

 A path whose dimension does not match the noise type throws std::invalid_argument at the
 first stage, naming both sizes. So does a drift or diffusion that resizes its output: after
 each call the field checks that f has the state's size and g the size its noise type needs
 (d, or d·m for general_noise), before anything reads them, so a wrong size is an exception
 naming the coefficient and both sizes, never a read or write past a buffer.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_SYSTEM_STRATONOVICH_SDE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_SYSTEM_STRATONOVICH_SDE_HPP_INCLUDED

#include <algorithm>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/numeric/odeint/util/is_resizeable.hpp>
#include <boost/numeric/odeint/util/resizer.hpp>
#include <boost/numeric/odeint/util/state_wrapper.hpp>

#include <boost/numeric/odeint/system/driven_equation.hpp>
#include <boost/numeric/odeint/system/detail/system_traits.hpp>

namespace boost {
namespace numeric {
namespace odeint {

/// g is state-shaped and W has as many components as the state.
struct diagonal_noise {};
/// g is state-shaped and W is one-dimensional.
struct scalar_noise {};
/// g is a d×m matrix (row-major std::vector) and W has m components.
struct general_noise {};
/// Diagonal noise whose diffusion g(t) does not depend on the state: stepped as
/// diagonal_noise (for make_ito_sde it also means no Itô correction, c = 0).
struct additive_noise {};

namespace detail {

inline void check_noise_dimension(const char* noise, std::size_t expected,
                                  std::size_t path_dimension, const char* expected_what)
{
    if (expected != path_dimension)
        throw std::invalid_argument(std::string("stratonovich_sde with ") + noise +
                                    ": the path has dimension " +
                                    std::to_string(path_dimension) + " but " + expected_what +
                                    " is " + std::to_string(expected));
}

/// Throws std::invalid_argument unless the coefficient `what` (drift, diffusion, Itô
/// correction) of an SDE with noise type `noise` (nullptr: not named) wrote `written`
/// entries, where a state of d entries needs `expected` (d, or d·m for a general_noise
/// diffusion: m > 0 says so).
inline void check_coefficient_size(const char* sde, const char* noise, const char* what,
                                   std::size_t written, std::size_t expected,
                                   std::size_t d, std::size_t m = 0)
{
    if (written == expected)
        return;
    std::string needed;
    if (m > 0)
        needed = std::string(noise) + " needs state size x noise dimension = " +
                 std::to_string(d) + " x " + std::to_string(m) + " = ";
    else if (std::string(what) == "diffusion")
        needed = std::string(noise) + " needs the state size ";
    else
        needed = "the state size is ";
    const std::string with = noise ? std::string(" with ") + noise : std::string();
    throw std::invalid_argument(std::string(sde) + with + ": the " + what +
                                " wrote " + std::to_string(written) + " entries but " + needed +
                                std::to_string(expected) + " (it must not resize its output)");
}

/// x.required_parameter_count() (the size grad_p needs at least for x's vjp) when x declares
/// it, 0 otherwise.
template <class T>
auto declared_required_parameters(const T& x, int)
    -> decltype(std::size_t(x.required_parameter_count()))
{
    return std::size_t(x.required_parameter_count());
}

template <class T>
std::size_t declared_required_parameters(const T&, long)
{
    return 0;
}

template <class T, class = void>
struct declares_required_parameters : std::false_type {};

template <class T>
struct declares_required_parameters<
    T, std::void_t<decltype(std::declval<const T&>().required_parameter_count())>>
    : std::true_type {};

} // namespace detail

/// The value of F(t, y) = (f(t, y), g(t, y)) for an SDE: the drift and the diffusion.
template <class Drift, class Diffusion>
struct sde_coefficients
{
    Drift drift;
    Diffusion diffusion;
};

/// The vector field F = (f, g) of a Stratonovich SDE and its product with the increment,
/// F·(dt, dW) = f dt + g dW (system/driven_system.hpp). It holds no work space: evaluations
/// write into the stepper's buffers, so one object serves several threads at once when its
/// drift and diffusion do.
template <class State, class Drift, class Diffusion, class Noise>
class stratonovich_vector_field
{
public:
    using state_type = State;
    using value_type = std::decay_t<decltype(std::declval<State&>()[0])>;
    using noise_type = Noise;
    using diffusion_type =
        std::conditional_t<std::is_same<Noise, general_noise>::value, std::vector<value_type>,
                           State>;
    using field_type = sde_coefficients<State, diffusion_type>;

    stratonovich_vector_field(Drift drift, Diffusion diffusion, std::size_t noise_dimension)
        : m_drift(std::move(drift)), m_diffusion(std::move(diffusion)),
          m_noise_dimension(noise_dimension)
    {
    }

    /// Drift and diffusion buffers for states shaped like y.
    template <class StateIn>
    field_type make_field(const StateIn& y) const
    {
        state_wrapper<State> f;
        adjust_size_by_resizeability(f, y, typename is_resizeable<State>::type());
        field_type F{std::move(f.m_v), diffusion_type()};
        if constexpr (std::is_same<Noise, general_noise>::value)
            F.diffusion.resize(static_cast<std::size_t>(y.size()) * m_noise_dimension);
        else
        {
            state_wrapper<State> g;
            adjust_size_by_resizeability(g, y, typename is_resizeable<State>::type());
            F.diffusion = std::move(g.m_v);
        }
        return F;
    }

    /// F = (f(t, y), g(t, y)); throws std::invalid_argument when drift or diffusion resized
    /// its output.
    template <class StateIn, class Time>
    void operator()(const StateIn& y, field_type& F, Time t) const
    {
        const std::size_t d = static_cast<std::size_t>(y.size());
        m_drift(y, F.drift, t);
        detail::check_coefficient_size("stratonovich_sde", noise_name(), "drift",
                                       F.drift.size(), d, d);
        m_diffusion(y, F.diffusion, t);
        if constexpr (std::is_same<Noise, general_noise>::value)
            detail::check_coefficient_size("stratonovich_sde", noise_name(), "diffusion",
                                           F.diffusion.size(), d * m_noise_dimension, d,
                                           m_noise_dimension);
        else
            detail::check_coefficient_size("stratonovich_sde", noise_name(), "diffusion",
                                           F.diffusion.size(), d, d);
    }

    /// k = f dt + g dW for the noise type.
    template <class Time, class Increment, class DerivOut>
    void product(const field_type& F, Time dt, const Increment& dW, DerivOut& k) const
    {
        const std::size_t d = F.drift.size();
        const value_type h = static_cast<value_type>(dt);
        const auto& f = F.drift;
        const auto& g = F.diffusion;
        if constexpr (std::is_same<Noise, diagonal_noise>::value)
        {
            detail::check_noise_dimension("diagonal_noise", d, dW.size(), "the state size");
            for (std::size_t i = 0; i < d; ++i)
                k[i] = f[i] * h + g[i] * dW[i];
        }
        else if constexpr (std::is_same<Noise, scalar_noise>::value)
        {
            detail::check_noise_dimension("scalar_noise", 1, dW.size(), "the noise dimension");
            for (std::size_t i = 0; i < d; ++i)
                k[i] = f[i] * h + g[i] * dW[0];
        }
        else
        {
            static_assert(std::is_same<Noise, general_noise>::value,
                          "Noise is diagonal_noise, scalar_noise or general_noise");
            const std::size_t m = m_noise_dimension;
            detail::check_noise_dimension("general_noise", m, dW.size(),
                                          "the diffusion's column count");
            for (std::size_t i = 0; i < d; ++i)
            {
                value_type sum = f[i] * h;
                for (std::size_t j = 0; j < m; ++j)
                    sum += g[i * m + j] * dW[j];
                k[i] = sum;
            }
        }
    }

    /// G = (∂k/∂F)ᵀv: the drift's cotangent v dt and the diffusion's v ⊙ dW (diagonal),
    /// v dW (scalar) or v dWᵀ (general).
    template <class Vector, class Time, class Increment>
    void product_transpose(const Vector& v, Time dt, const Increment& dW, field_type& G) const
    {
        const std::size_t d = G.drift.size();
        const value_type h = static_cast<value_type>(dt);
        for (std::size_t i = 0; i < d; ++i)
            G.drift[i] = v[i] * h;
        if constexpr (std::is_same<Noise, diagonal_noise>::value)
        {
            for (std::size_t i = 0; i < d; ++i)
                G.diffusion[i] = v[i] * dW[i];
        }
        else if constexpr (std::is_same<Noise, scalar_noise>::value)
        {
            for (std::size_t i = 0; i < d; ++i)
                G.diffusion[i] = v[i] * dW[0];
        }
        else
        {
            const std::size_t m = m_noise_dimension;
            for (std::size_t i = 0; i < d; ++i)
                for (std::size_t j = 0; j < m; ++j)
                    G.diffusion[i * m + j] = v[i] * dW[j];
        }
    }

    /// Adds (∂F/∂y)ᵀG to adj_y and (∂F/∂θ)ᵀG to adj_p through drift.vjp and diffusion.vjp.
    template <class StateIn, class Time, class Adjoint, class ParameterAdjoint>
    void vjp(const StateIn& y, Time t, const field_type& G, Adjoint& adj_y,
             ParameterAdjoint& adj_p) const
    {
        static_assert(detail::has_vjp_v<const Drift, const StateIn&, Time, const State&,
                                        Adjoint&, ParameterAdjoint&>,
                      "gradients of an SDE need drift.vjp(y, t, v, adj_y, adj_p), adding "
                      "(df/dy)^T v to adj_y and (df/dtheta)^T v to adj_p (doc/reference.md)");
        static_assert(detail::has_vjp_v<const Diffusion, const StateIn&, Time,
                                        const diffusion_type&, Adjoint&, ParameterAdjoint&>,
                      "gradients of an SDE need diffusion.vjp(y, t, u, adj_y, adj_p), adding "
                      "sum_i u_i dg_i/dy to adj_y and sum_i u_i dg_i/dtheta to adj_p, u shaped "
                      "like g (doc/reference.md)");
        m_drift.vjp(y, t, G.drift, adj_y, adj_p);
        m_diffusion.vjp(y, t, G.diffusion, adj_y, adj_p);
    }

    /// The size grad_p needs at least: the larger of what drift and diffusion declare
    /// (mlp_vector_field, batched_mlp_field do); present only when one of them declares it.
    /// integrate_reversible checks grad_p against it before the forward solve.
    template <class D = Drift, class G = Diffusion,
              std::enable_if_t<detail::declares_required_parameters<D>::value ||
                                   detail::declares_required_parameters<G>::value,
                               int> = 0>
    std::size_t required_parameter_count() const
    {
        return std::max(detail::declared_required_parameters(m_drift, 0),
                        detail::declared_required_parameters(m_diffusion, 0));
    }

    std::size_t noise_dimension() const { return m_noise_dimension; }
    const Drift& drift() const { return m_drift; }
    const Diffusion& diffusion() const { return m_diffusion; }
    Drift& drift() { return m_drift; }
    Diffusion& diffusion() { return m_diffusion; }

    static const char* noise_name()
    {
        if constexpr (std::is_same<Noise, diagonal_noise>::value)
            return "diagonal_noise";
        else if constexpr (std::is_same<Noise, scalar_noise>::value)
            return "scalar_noise";
        else
            return "general_noise";
    }

private:

    Drift m_drift;
    Diffusion m_diffusion;
    std::size_t m_noise_dimension;
};

namespace detail {

/// The noise type a field is stepped with: additive_noise is diagonal_noise.
template <class Noise>
using stepped_noise_t =
    std::conditional_t<std::is_same<Noise, additive_noise>::value, diagonal_noise, Noise>;

} // namespace detail

/// dy = drift dt + diffusion ∘ dW with W given by `path`; Noise is diagonal_noise (default),
/// scalar_noise, general_noise or additive_noise (diagonal_noise with a g that ignores y).
/// State is the state type the steppers use.
template <class State, class Noise = diagonal_noise, class Drift, class Diffusion, class Path>
driven_equation<
    stratonovich_vector_field<State, Drift, Diffusion, detail::stepped_noise_t<Noise>>, Path>
make_stratonovich_sde(Drift drift, Diffusion diffusion, Path path, Noise = Noise())
{
    using field =
        stratonovich_vector_field<State, Drift, Diffusion, detail::stepped_noise_t<Noise>>;
    const std::size_t m = path.dimension();
    return {field(std::move(drift), std::move(diffusion), m), std::move(path)};
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_SYSTEM_STRATONOVICH_SDE_HPP_INCLUDED
