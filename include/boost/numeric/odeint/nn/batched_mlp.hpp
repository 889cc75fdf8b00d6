/*
 boost/numeric/odeint/nn/batched_mlp.hpp

 batched_mlp_field<Value>: the vector field f(t, y) = s · σ_out(mlp(y)) or s · σ_out(mlp([y,
 t])) of nn/mlp.hpp evaluated for a whole batch of paths at once, as matrix–matrix
 products on Eigen 3.4 (doc/batched.md says why Eigen). The state is a batch of B paths of
 d components, path-major (element b d + i is component i of path b; the layout of
 noise/batched_brownian_path.hpp), so it is the drift or the diagonal diffusion of
 make_stratonovich_sde on a batch, or an ODE system, stepped by every stepper unchanged:

     batched_mlp_field<double> drift(mlp<double>({d + 1, 32, 32, d}, mlp_activation::lipswish,
                                                 seed), mlp_time::input);
     drift(y, f, t);                        // y, f of size B d, any B ≥ 1
     drift.vjp(y, t, v, adj_y, adj_p);      // adds (∂f/∂y)ᵀv and Σ_b (∂f_b/∂θ)ᵀv_b

 The network, its activations and its flat parameter layout are those of mlp<Value> (it is
 built from one). Layer l computes Z_l = W_l A_{l−1} + b_l 1ᵀ for the d_{l−1} × B matrix
 A_{l−1} of the batch (one GEMM), then A_l = σ(Z_l) element-wise; the parameter cotangent of
 the batch is δ_l A_{l−1}ᵀ and δ_l 1 (one GEMM and a row sum), so the sum over the paths of
 a batch happens inside Eigen's kernels in an order fixed by the shapes, never by a thread
 count. Activations use Eigen's vectorised exp: LipSwish 0.909 z / (1 + e^{−z}) and tanh z =
 2 / (1 + e^{−2z}) − 1; they agree with mlp<Value>'s std::exp and std::tanh to rounding, so a
 batch's values and gradients equal the single-path mlp_vector_field's to rounding (not
 bitwise: a GEMM sums in its own order; test/test_batched_mlp.cpp).

 Threads. The field is immutable: its work space (the Z_l, A_l of the batch) is per thread
 (a thread_local buffer, grown once to the largest batch), so one const field, and one SDE
 made from it, serves several threads at once. Run batches on threads with
 util/batched_blocks.hpp. Eigen itself must not start threads of its own: compile without
 OpenMP or define EIGEN_DONT_PARALLELIZE.

 Activations kept for the vjp. A stepper's adjoint evaluates the field at every stage and
 then asks for the vjp at the same stages (ees_generic_rk::adjoint_step); the vjp needs the
 activations of exactly those forward passes. So the thread's work space keeps the
 activations of its last few forward passes (up to 8, and no more than 64 MiB hold; none
 when one does not fit), each with its key: the network's layer sizes, activations and time input,
 a copy of its parameters θ, the batch y and (with time as an input) t. A forward pass or a
 vjp whose key equals a kept one bit for bit reuses those activations instead of computing
 them (a vjp then costs its backward pass only); any other key computes them into the least
 recently used entry. The values are the same bits either way (the same code on the same
 inputs): changing θ in place, another field, another batch or time all miss.
 set_reuse_activations(false) turns this off for a field (every call computes its forward
 pass).

 This header needs Eigen 3.4 (Debian: libeigen3-dev; CMake: find_package(Eigen3)); ees.hpp
 does not include it.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_NN_BATCHED_MLP_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_NN_BATCHED_MLP_HPP_INCLUDED

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include <boost/numeric/odeint/nn/mlp.hpp>
#include <boost/numeric/odeint/util/detail/to_text.hpp>

namespace boost {
namespace numeric {
namespace odeint {

namespace detail {

/// The activations of one forward pass of a batched_mlp_field (pre-activations z, activations
/// a with a[0] the input [y; t], LipSwish sigmoids s) and the key they are a function of: the
/// network's shape (layer sizes, activations, time input) and parameters θ, the batch y and
/// the time (a[0] holds both).
template <class Value>
struct batched_mlp_activations : mlp_pass_key<Value>
{
    using matrix = Eigen::Matrix<Value, Eigen::Dynamic, Eigen::Dynamic>;
    std::vector<matrix> z, a, s;
};

/// Per-thread work space of batched_mlp_field: the activations of the last forward passes
/// (batched_mlp_activations, see the header comment) and the cotangents of every layer,
/// sized once for the largest batch seen. forward_passes and reused_passes count the forward
/// passes computed and those taken from a kept entry.
template <class Value>
struct batched_mlp_workspace
{
    using matrix = Eigen::Matrix<Value, Eigen::Dynamic, Eigen::Dynamic>;
    /// The most forward passes kept, and the most bytes of activations kept (beyond one).
    static constexpr std::size_t max_entries = 8;
    static constexpr std::size_t max_bytes = std::size_t(64) << 20;

    std::vector<batched_mlp_activations<Value>> entries;
    batched_mlp_activations<Value> unkept;  // the forward passes of a field that keeps none
    std::vector<matrix> dz;
    matrix input_cotangent;
    // A float field's cotangent factors in double, per layer (a gradient of double).
    std::vector<Eigen::MatrixXd> wide_dz, wide_a;
    std::uint64_t clock = 0;
    std::size_t forward_passes = 0, reused_passes = 0;

    static batched_mlp_workspace& of_this_thread()
    {
        thread_local batched_mlp_workspace workspace;
        return workspace;
    }
};

} // namespace detail

template <class Value = double>
class batched_mlp_field
{
public:
    using value_type = Value;
    using matrix = Eigen::Matrix<Value, Eigen::Dynamic, Eigen::Dynamic>;
    using array = Eigen::Array<Value, Eigen::Dynamic, Eigen::Dynamic>;

    /// f = output_scale · network(y) or network([y, t]); network maps d (or d + 1) inputs
    /// to d outputs. vjp adds the parameter cotangent at adj_p[parameter_offset + k].
    /// Throws std::invalid_argument for an output_scale that is not finite.
    explicit batched_mlp_field(mlp<Value> network, mlp_time time = mlp_time::ignored,
                               std::size_t parameter_offset = 0, Value output_scale = Value(1))
        : m_network(std::move(network)), m_time(time), m_parameter_offset(parameter_offset),
          m_output_scale(output_scale)
    {
        using std::isfinite;
        if (!isfinite(output_scale))
            throw std::invalid_argument("batched_mlp_field: output_scale = " +
                                        detail::to_text(output_scale) + " must be finite");
        detail::check_vector_field_shape("batched_mlp_field", m_network.input_size(),
                                         m_network.output_size(), m_time);
        m_offsets = detail::mlp_layer_offsets(m_network.layer_sizes());
    }

    /// d, the components of one path.
    std::size_t path_size() const { return m_network.output_size(); }
    std::size_t parameter_offset() const { return m_parameter_offset; }
    /// The size grad_p needs at least: parameter_offset() + the network's parameter count
    /// (checked by integrate_reversible before the forward solve).
    std::size_t required_parameter_count() const
    {
        return m_parameter_offset + m_network.parameter_count();
    }
    Value output_scale() const { return m_output_scale; }
    mlp_time time_input() const { return m_time; }
    const mlp<Value>& network() const { return m_network; }
    mlp<Value>& network() { return m_network; }

    /// Whether a forward pass or vjp reuses the activations of an earlier forward pass of the
    /// same key on this thread (the default; the header comment). The results are the same
    /// bits either way.
    bool reuses_activations() const { return m_reuse; }
    void set_reuse_activations(bool reuse) { m_reuse = reuse; }

    /// The number of paths in a batched state of `size` elements; throws
    /// std::invalid_argument unless size is a positive multiple of path_size().
    std::size_t paths_of(std::size_t size, const char* who, const char* what) const
    {
        return detail::batch_paths(who, what, size, path_size());
    }

    /// f = f(t, y) for every path of the batch.
    template <class State, class Deriv, class Time>
    void operator()(const State& y, Deriv& f, Time t) const
    {
        const std::size_t paths = paths_of(y.size(), "batched_mlp_field", "the state");
        if (static_cast<std::size_t>(f.size()) != y.size())
            throw std::invalid_argument("batched_mlp_field: the derivative has size " +
                                        std::to_string(f.size()) + " but the state has " +
                                        std::to_string(y.size()));
        auto& w = detail::batched_mlp_workspace<Value>::of_this_thread();
        const auto& e = activations(y, t, paths, w);
        Eigen::Map<matrix>(&f[0], Eigen::Index(path_size()), Eigen::Index(paths)) =
            m_output_scale * e.a.back();
    }

    /// adj_y += (∂f/∂y)ᵀv path by path; adj_p[parameter_offset() + k] += the parameter
    /// cotangent summed over the batch. adj_p holds Value or double; a float field with a
    /// gradient of double sums the batch's cotangent in double.
    template <class State, class Time, class Vector, class Adjoint, class ParameterAdjoint>
    void vjp(const State& y, Time t, const Vector& v, Adjoint& adj_y,
             ParameterAdjoint& adj_p) const
    {
        const char* who = "batched_mlp_field::vjp";
        const std::size_t paths = paths_of(y.size(), who, "the state");
        const std::size_t d = path_size();
        detail::check_mlp_size(who, "the cotangent v", v.size(), y.size());
        detail::check_mlp_size(who, "adj_y", adj_y.size(), y.size());
        detail::check_mlp_parameter_cotangent(who, adj_p.size(), m_parameter_offset,
                                              m_network.parameter_count());
        auto& w = detail::batched_mlp_workspace<Value>::of_this_thread();
        const auto& e = activations(y, t, paths, w);
        const auto& sizes = m_network.layer_sizes();
        const std::size_t layers = sizes.size() - 1;
        const Eigen::Index B = Eigen::Index(paths);
        const Eigen::Map<const matrix> V(&v[0], Eigen::Index(d), B);
        // dz[l] = ∂L/∂Z_l, d_{l+1} × B; dz[L−1] = s v ⊙ σ_out'(Z_{L−1}), A_L = σ_out(Z_{L−1}).
        w.dz.resize(layers);
        w.dz.back().resize(Eigen::Index(d), B);
        if (m_network.output_activation() == mlp_output_activation::tanh)
            w.dz.back().array() =
                m_output_scale * V.array() * (Value(1) - e.a.back().array().square());
        else
            w.dz.back() = m_output_scale * V;
        const Value* theta = m_network.parameters().data();
        // adj_p holds Value, or double for a float field: then the cotangent of the batch is
        // summed in double (the factors converted, every product exact, only the sum over
        // the paths rounds, in double), as the Thrust field does.
        using gradient_value = std::remove_cv_t<std::remove_reference_t<decltype(adj_p[0])>>;
        static_assert(std::is_same<gradient_value, Value>::value ||
                          std::is_same<gradient_value, double>::value,
                      "batched_mlp_field::vjp: adj_p must hold the field's value_type or "
                      "double");
        gradient_value* grad = &adj_p[0] + m_parameter_offset;
        if (!std::is_same<gradient_value, Value>::value)
        {
            w.wide_dz.resize(layers);
            w.wide_a.resize(layers);
        }
        for (std::size_t l = layers; l-- > 0;)
        {
            const Eigen::Index n_in = Eigen::Index(sizes[l]), n_out = Eigen::Index(sizes[l + 1]);
            using gradient_matrix = Eigen::Matrix<gradient_value, Eigen::Dynamic, Eigen::Dynamic,
                                                  Eigen::RowMajor>;
            Eigen::Map<gradient_matrix> grad_w(grad + m_offsets[l], n_out, n_in);
            Eigen::Map<Eigen::Matrix<gradient_value, Eigen::Dynamic, 1>> grad_b(
                grad + m_offsets[l] + std::size_t(n_out * n_in), n_out);
            if constexpr (std::is_same<gradient_value, Value>::value)
            {
                grad_w.noalias() += w.dz[l] * e.a[l].transpose();
                grad_b.noalias() += w.dz[l].rowwise().sum();
            }
            else
            {
                w.wide_dz[l] = w.dz[l].template cast<double>();
                w.wide_a[l] = e.a[l].template cast<double>();
                grad_w.noalias() += w.wide_dz[l] * w.wide_a[l].transpose();
                grad_b.noalias() += w.wide_dz[l].rowwise().sum();
            }
            const Eigen::Map<const row_matrix> W(theta + m_offsets[l], n_out, n_in);
            if (l == 0)
            {
                w.input_cotangent.resize(n_in, B);
                w.input_cotangent.noalias() = W.transpose() * w.dz[0];
                Eigen::Map<matrix>(&adj_y[0], Eigen::Index(d), B) +=
                    w.input_cotangent.topRows(Eigen::Index(d));
                break;
            }
            // dz[l−1] = (W_lᵀ dz[l]) ⊙ σ'(Z_{l−1}), A_l = σ(Z_{l−1}).
            matrix& below = w.dz[l - 1];
            below.resize(n_in, B);
            below.noalias() = W.transpose() * w.dz[l];
            if (m_network.hidden_activation() == mlp_activation::tanh)
                below.array() *= Value(1) - e.a[l].array().square();
            else
                below.array() *= detail::mlp_lipswish_scale<Value>() *
                                 (e.s[l - 1].array() + e.z[l - 1].array() * e.s[l - 1].array() *
                                                           (Value(1) - e.s[l - 1].array()));
        }
    }

private:
    using row_matrix = Eigen::Matrix<Value, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

    using entry_type = detail::batched_mlp_activations<Value>;

    // The activations of the batch y at t: a kept entry whose key equals (this network's
    // shape and θ, y, t) bit for bit, or a forward pass into the least recently used entry
    // (preferring one of the same shape, whose buffers need no new allocation).
    template <class State, class Time>
    const entry_type& activations(const State& y, Time t, std::size_t paths,
                                  detail::batched_mlp_workspace<Value>& w) const
    {
        detail::check_mlp_parameter_count("batched_mlp_field", m_network.parameters().size(),
                                          m_network.layer_sizes(),
                                          m_network.parameter_count());
        const Value time = static_cast<Value>(t);
        ++w.clock;
        if (m_reuse)
            for (auto& e : w.entries)
                if (same_key(e, y, time, paths))
                {
                    e.last_use = w.clock;
                    ++w.reused_passes;
                    return e;
                }
        if (!m_reuse || entry_bytes(paths) > detail::batched_mlp_workspace<Value>::max_bytes)
        {
            forward(y, time, paths, w.unkept);
            ++w.forward_passes;
            return w.unkept;
        }
        entry_type& e = victim(w, paths);
        e.valid = false;  // until the pass below has completed
        forward(y, time, paths, e);
        ++w.forward_passes;
        e.keep(m_network, m_time, w.clock);
        return e;
    }

    // Bytes of a kept entry for a batch of `paths`: the activations (z, a, s of every layer)
    // and the copy of θ.
    std::size_t entry_bytes(std::size_t paths) const
    {
        std::size_t rows = 0;
        for (std::size_t n : m_network.layer_sizes())
            rows += 3 * n;
        return (rows * paths + m_network.parameter_count()) * sizeof(Value);
    }

    // The entry the next forward pass goes to: a new one while fewer than the most are kept
    // (max_entries, and as many as max_bytes holds), else the least recently used of this
    // shape, else of all.
    entry_type& victim(detail::batched_mlp_workspace<Value>& w, std::size_t paths) const
    {
        using workspace = detail::batched_mlp_workspace<Value>;
        const std::size_t fit = workspace::max_bytes / entry_bytes(paths);
        const std::size_t most = std::max<std::size_t>(1, std::min(workspace::max_entries, fit));
        if (w.entries.size() < most)
        {
            w.entries.emplace_back();
            return w.entries.back();
        }
        entry_type* oldest = nullptr;
        entry_type* oldest_same_shape = nullptr;
        for (auto& e : w.entries)
        {
            if (!oldest || e.last_use < oldest->last_use)
                oldest = &e;
            if (e.sizes == m_network.layer_sizes() && !e.a.empty() && e.a[0].cols() ==
                    Eigen::Index(paths) &&
                (!oldest_same_shape || e.last_use < oldest_same_shape->last_use))
                oldest_same_shape = &e;
        }
        return oldest_same_shape ? *oldest_same_shape : *oldest;
    }

    // Whether entry e holds the activations of this network at (y, t): the same shape, time
    // input and θ, and the same input a[0] = [y; t] (t only with time as an input), compared
    // bit for bit.
    template <class State>
    bool same_key(const entry_type& e, const State& y, Value time, std::size_t paths) const
    {
        if (!e.same_shape(m_network, m_time) || e.a[0].cols() != Eigen::Index(paths))
            return false;
        const std::size_t d = path_size();
        const matrix& input = e.a[0];
        const Value* data = input.data();
        const std::size_t rows = static_cast<std::size_t>(input.rows());
        for (std::size_t b = 0; b < paths; ++b)
        {
            if (std::memcmp(data + b * rows, &y[b * d], d * sizeof(Value)) != 0)
                return false;
            if (m_time == mlp_time::input &&
                std::memcmp(data + b * rows + d, &time, sizeof(Value)) != 0)
                return false;
        }
        return e.same_parameters(m_network);
    }

    template <class State>
    void forward(const State& y, Value t, std::size_t paths, entry_type& w) const
    {
        const auto& sizes = m_network.layer_sizes();
        const std::size_t layers = sizes.size() - 1;
        const std::size_t d = path_size();
        const Eigen::Index B = Eigen::Index(paths);
        w.z.resize(layers);
        w.s.resize(layers);
        w.a.resize(layers + 1);
        w.a[0].resize(Eigen::Index(sizes[0]), B);
        w.a[0].topRows(Eigen::Index(d)) =
            Eigen::Map<const matrix>(&y[0], Eigen::Index(d), B);
        if (m_time == mlp_time::input)
            w.a[0].row(Eigen::Index(d)).setConstant(static_cast<Value>(t));
        const Value* theta = m_network.parameters().data();
        for (std::size_t l = 0; l < layers; ++l)
        {
            const Eigen::Index n_in = Eigen::Index(sizes[l]), n_out = Eigen::Index(sizes[l + 1]);
            const Eigen::Map<const row_matrix> W(theta + m_offsets[l], n_out, n_in);
            const Eigen::Map<const Eigen::Matrix<Value, Eigen::Dynamic, 1>> b(
                theta + m_offsets[l] + std::size_t(n_out * n_in), n_out);
            w.z[l].resize(n_out, B);
            w.z[l].noalias() = W * w.a[l];
            w.z[l].colwise() += b;
            const bool last = l + 1 == layers;
            auto z = w.z[l].array();
            if (!last && m_network.hidden_activation() == mlp_activation::lipswish)
            {
                w.s[l] = (Value(1) / (Value(1) + (-z).exp())).matrix();
                w.a[l + 1] =
                    (detail::mlp_lipswish_scale<Value>() * z * w.s[l].array()).matrix();
            }
            else if (!last || m_network.output_activation() == mlp_output_activation::tanh)
                w.a[l + 1] = (Value(2) / (Value(1) + (Value(-2) * z).exp()) - Value(1)).matrix();
            else
                w.a[l + 1] = w.z[l];
        }
    }

    mlp<Value> m_network;
    mlp_time m_time;
    std::size_t m_parameter_offset;
    Value m_output_scale;
    std::vector<std::size_t> m_offsets;
    bool m_reuse = true;
};

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_NN_BATCHED_MLP_HPP_INCLUDED
