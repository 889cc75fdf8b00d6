/*
 boost/numeric/odeint/system/stratonovich_sde.hpp

 The Stratonovich SDE  dy = f(t, y) dt + g(t, y) ∘ dW  as a driven system, for the common
 noise structures (ees-method.md §3). The user writes drift and diffusion in odeint's style,

     drift(y, f, t)         // f = f(t, y), state-shaped
     diffusion(y, g, t)     // g = g(t, y), shaped by the noise type:

   diagonal_noise   g state-shaped (d), W has d components:   k_i = f_i dt + g_i dW_i
   scalar_noise     g state-shaped (d), W has 1 component:    k_i = f_i dt + g_i dW
   general_noise    g a d×m matrix, row-major in a std::vector<value> of size d·m,
                    W has m components:                       k_i = f_i dt + Σ_j g_ij dW_j

 Additive noise is any of these with a g that does not depend on y. For gradients
 (integrate_reversible) drift and diffusion provide vector–Jacobian products that ADD:

     drift.vjp(y, t, v, adj_y, adj_p)       // (∂f/∂y)ᵀv, (∂f/∂θ)ᵀv,  v state-shaped
     diffusion.vjp(y, t, u, adj_y, adj_p)   // Σ_i u_i ∂g_i/∂y (and /∂θ), u shaped like g

 and the adaptor passes v·dt to the drift and u = v ⊙ dW (diagonal), v·dW (scalar) or
 u_ij = v_i dW_j (general) to the diffusion. Each stage costs one
 drift and one diffusion evaluation. The adaptors index states with [] and size(), so they
 serve std::vector, std::array, boost::array and the like; other state types (Thrust) write
 the product themselves and use driven_equation directly.

 A path whose dimension does not match the noise type throws std::invalid_argument at the
 first stage, naming both sizes.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_SYSTEM_STRATONOVICH_SDE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_SYSTEM_STRATONOVICH_SDE_HPP_INCLUDED

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

namespace boost {
namespace numeric {
namespace odeint {

/// g is state-shaped and W has as many components as the state.
struct diagonal_noise {};
/// g is state-shaped and W is one-dimensional.
struct scalar_noise {};
/// g is a d×m matrix (row-major std::vector) and W has m components.
struct general_noise {};

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

} // namespace detail

/// The vector field F(t, y)·(dt, dW) = f(t, y) dt + g(t, y) dW of a Stratonovich SDE.
template <class State, class Drift, class Diffusion, class Noise>
class stratonovich_vector_field
{
public:
    using state_type = State;
    using value_type = std::decay_t<decltype(std::declval<State&>()[0])>;
    using diffusion_type =
        std::conditional_t<std::is_same<Noise, general_noise>::value, std::vector<value_type>,
                           State>;

    stratonovich_vector_field(Drift drift, Diffusion diffusion, std::size_t noise_dimension)
        : m_drift(std::move(drift)), m_diffusion(std::move(diffusion)),
          m_noise_dimension(noise_dimension),
          m_g(std::make_shared<state_wrapper<diffusion_type>>()),
          m_state(std::make_shared<state_wrapper<State>>())
    {
    }

    template <class StateIn, class DerivOut, class Time, class Increment>
    void operator()(const StateIn& y, DerivOut& k, Time t, Time dt, const Increment& dW) const
    {
        const std::size_t d = y.size();
        diffusion_type& g = shaped_diffusion(y, d);
        m_drift(y, k, t);
        m_diffusion(y, g, t);
        const value_type h = static_cast<value_type>(dt);
        if constexpr (std::is_same<Noise, diagonal_noise>::value)
        {
            detail::check_noise_dimension("diagonal_noise", d, dW.size(), "the state size");
            for (std::size_t i = 0; i < d; ++i)
                k[i] = k[i] * h + g[i] * dW[i];
        }
        else if constexpr (std::is_same<Noise, scalar_noise>::value)
        {
            detail::check_noise_dimension("scalar_noise", 1, dW.size(), "the noise dimension");
            for (std::size_t i = 0; i < d; ++i)
                k[i] = k[i] * h + g[i] * dW[0];
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
                value_type sum = k[i] * h;
                for (std::size_t j = 0; j < m; ++j)
                    sum += g[i * m + j] * dW[j];
                k[i] = sum;
            }
        }
    }

    /// Adds (∂K/∂y)ᵀv to adj_y and (∂K/∂θ)ᵀv to adj_p for K = f dt + g dW.
    template <class StateIn, class Time, class Increment, class Vector, class Adjoint,
              class ParameterAdjoint>
    void vjp(const StateIn& y, Time t, Time dt, const Increment& dW, const Vector& v,
             Adjoint& adj_y, ParameterAdjoint& adj_p) const
    {
        const std::size_t d = y.size();
        const value_type h = static_cast<value_type>(dt);
        diffusion_type& u = shaped_diffusion(y, d);  // the cotangent of g, shaped like g
        State& drift_cotangent = shaped_state(y);
        for (std::size_t i = 0; i < d; ++i)
            drift_cotangent[i] = v[i] * h;
        m_drift.vjp(y, t, static_cast<const State&>(drift_cotangent), adj_y, adj_p);
        if constexpr (std::is_same<Noise, diagonal_noise>::value)
        {
            for (std::size_t i = 0; i < d; ++i)
                u[i] = v[i] * dW[i];
        }
        else if constexpr (std::is_same<Noise, scalar_noise>::value)
        {
            for (std::size_t i = 0; i < d; ++i)
                u[i] = v[i] * dW[0];
        }
        else
        {
            const std::size_t m = m_noise_dimension;
            for (std::size_t i = 0; i < d; ++i)
                for (std::size_t j = 0; j < m; ++j)
                    u[i * m + j] = v[i] * dW[j];
        }
        m_diffusion.vjp(y, t, static_cast<const diffusion_type&>(u), adj_y, adj_p);
    }

    const Drift& drift() const { return m_drift; }
    const Diffusion& diffusion() const { return m_diffusion; }

private:
    template <class StateIn>
    diffusion_type& shaped_diffusion(const StateIn& y, std::size_t d) const
    {
        diffusion_type& g = m_g->m_v;
        if constexpr (std::is_same<Noise, general_noise>::value)
        {
            if (g.size() != d * m_noise_dimension)
                g.resize(d * m_noise_dimension);
        }
        else
            adjust_size_by_resizeability(*m_g, y, typename is_resizeable<State>::type());
        return g;
    }

    template <class StateIn>
    State& shaped_state(const StateIn& y) const
    {
        adjust_size_by_resizeability(*m_state, y, typename is_resizeable<State>::type());
        return m_state->m_v;
    }

    Drift m_drift;
    Diffusion m_diffusion;
    std::size_t m_noise_dimension;
    // Work space, shared by copies as in driven_equation.
    std::shared_ptr<state_wrapper<diffusion_type>> m_g;
    std::shared_ptr<state_wrapper<State>> m_state;
};

/// dy = drift dt + diffusion ∘ dW with W given by `path`; Noise is diagonal_noise (default),
/// scalar_noise or general_noise. State is the state type the steppers use.
template <class State, class Noise = diagonal_noise, class Drift, class Diffusion, class Path>
driven_equation<stratonovich_vector_field<State, Drift, Diffusion, Noise>, Path>
make_stratonovich_sde(Drift drift, Diffusion diffusion, Path path, Noise = Noise())
{
    using field = stratonovich_vector_field<State, Drift, Diffusion, Noise>;
    const std::size_t m = path.dimension();
    return {field(std::move(drift), std::move(diffusion), m), std::move(path)};
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_SYSTEM_STRATONOVICH_SDE_HPP_INCLUDED
