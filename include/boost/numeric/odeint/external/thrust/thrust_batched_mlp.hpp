/*
 boost/numeric/odeint/external/thrust/thrust_batched_mlp.hpp

 The neural SDE of Kidger, Foster, Li & Lyons (NeurIPS 2021) for a batch of paths on a
 thrust::device_vector, float or double:

   thrust_batched_mlp_field<Value>   f(t, y) = s · σ_out(mlp(y)) or s · σ_out(mlp([y, t])) of
                                     nn/mlp.hpp for every path of the batch at once, with
                                     its batched vector–Jacobian product
   thrust_neural_sde<Value>          dy = f(t, y) dt + g(y) ∘ dW with diagonal noise, f and g
                                     two such fields: a driven system (system/driven_system.hpp)
                                     that ees25, ees27, reversible_heun and integrate_reversible
                                     step on device vectors unchanged

     thrust_brownian_path<double> noise(brownian_path<double>(seed, 0, T, steps, d, 0), B);
     auto sde = make_thrust_neural_sde(
         thrust_batched_mlp_field<double>(drift_mlp, mlp_time::input),
         thrust_batched_mlp_field<double>(diffusion_mlp, mlp_time::ignored,
                                          drift_mlp.parameter_count(), 0.5),  // s = 0.5
         noise);
     thrust::device_vector<double> y(B * d, 1.0);
     integrate_reversible(ees25<thrust::device_vector<double>, double>(), sde, y, ...);

 Layout. The state holds B paths of d components, path-major: element b d + i is component i
 of path b, i.e. the d × B column-major matrix whose column b is path b. This is the layout
 of thrust_brownian_path with B paths of dimension d (so path b of the batch is driven by the
 counter-based path first + b, bitwise the host brownian_path of that index on CPU backends)
 and of the host batched fields (batched_mlp_field, Eigen), whose constructor this one
 mirrors: (network, time input, parameter offset, output scale). Network, activations
 (LipSwish or tanh hidden, none or tanh output) and the flat parameter layout are those of
 mlp<Value>: W_l row-major at offset_l, then b_l; the device keeps a copy of θ (rebuild the
 field after changing the host network's parameters: one copy of θ).

 Work. Layer l is one GEMM Z_l = W_l A_{l−1} (thrust_gemm.hpp: cuBLAS on CUDA, Eigen on
 Thrust's CPU backends) and one Thrust kernel adding b_l and applying σ. The vjp redoes the
 forward pass, then per layer, from the last: one kernel for δ_l (v ⊙ σ_out' or (W_{l+1}ᵀ
 δ_{l+1}) ⊙ σ'), one GEMM for W_lᵀ δ_l, and the parameter cotangent of the batch δ_l A_{l−1}ᵀ
 and δ_l 1 as two GEMMs in double also for float states (the factors are converted to
 double, so every product is exact and only the sum over the paths rounds, in double).
 The element-wise kernels (input assembly, bias + activation, derivatives, the noise
 products of the SDE) are the same Thrust transforms on every backend, so the OMP tests run
 the code that runs on the GPU; they call the activation functions of nn/mlp_core.hpp that
 mlp<Value> calls (sigmoid by the sign of z, LipSwish 0.909 z sigmoid(z), tanh), so apart
 from the GEMMs' summation order they compute what the single-path mlp_vector_field
 computes.

 Work space. Every buffer of a field evaluation (the Z_l and A_l of the batch, the
 cotangents, the double copies) lives in the driven system's field_type, which the stepper
 makes once (make_field) and owns: nothing is allocated while stepping, memory does not grow
 with the number of steps, and one const system serves several steppers.

 Gradients. sde.vjp(y, t, G, adj_y, adj_p) adds (∂F/∂y)ᵀG to adj_y (device) and the
 parameter cotangent summed over the batch to adj_p[0 .. parameter_count()), drift θ and
 diffusion θ at their offsets (construct the diffusion with parameter_offset = the drift's
 parameter count, as for make_stratonovich_sde with mlp_vector_field). adj_p is either a
 thrust::device_vector<double> (the sums stay on the device) or a host container of double
 with size() and [] (one copy of the P sums to the host per stage).

 This header needs Eigen 3 on Thrust's CPU backends (libeigen3-dev) and cuBLAS under CUDA
 (-lcublas).

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_BATCHED_MLP_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_BATCHED_MLP_HPP_INCLUDED

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/range/begin.hpp>
#include <boost/range/end.hpp>

#include <thrust/copy.h>
#include <thrust/device_vector.h>
#include <thrust/distance.h>
#include <thrust/fill.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/transform.h>

#include <boost/numeric/odeint/external/thrust/thrust_brownian_path.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_gemm.hpp>
#include <boost/numeric/odeint/external/thrust/thrust_stratonovich_sde.hpp>
#include <boost/numeric/odeint/nn/mlp.hpp>
#include <boost/numeric/odeint/nn/mlp_core.hpp>
#include <boost/numeric/odeint/system/driven_equation.hpp>
#include <boost/numeric/odeint/system/driven_system.hpp>
#include <boost/numeric/odeint/util/ees_host_device.hpp>

namespace boost {
namespace numeric {
namespace odeint {

namespace detail {

template <class Value>
Value* raw(thrust::device_vector<Value>& v)
{
    return thrust::raw_pointer_cast(v.data());
}

template <class Value>
const Value* raw(const thrust::device_vector<Value>& v)
{
    return thrust::raw_pointer_cast(v.data());
}

/// A_0[b n0 + i] = y[b d + i] (i < d), t (i = d): the input [y, t] of every path.
template <class Value>
struct batched_mlp_time_input
{
    const Value* y;
    std::size_t d, n0;
    Value t;

    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE Value operator()(std::size_t e) const
    {
        const std::size_t b = e / n0, i = e % n0;
        return i < d ? y[b * d + i] : t;
    }
};

/// z ← z + b_i, a = σ(z) for a hidden layer of width n (element e is unit e mod n).
template <class Value>
struct batched_mlp_hidden_layer
{
    Value* z;
    Value* a;
    const Value* bias;
    std::size_t n;
    bool lipswish;

    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE void operator()(std::size_t e) const
    {
        const Value sum = z[e] + bias[e % n];
        z[e] = sum;
        a[e] = mlp_hidden(sum, lipswish);
    }
};

/// The last layer: a = σ_out(z + b_i) kept (tanh output) and out = s · a (when out is set).
template <class Value>
struct batched_mlp_output_layer
{
    const Value* z;
    Value* activation;  ///< σ_out(z) for the vjp, tanh output only
    Value* out;         ///< may be null (the vjp's forward pass)
    const Value* bias;
    std::size_t n;
    bool tanh_output;
    Value scale;

    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE void operator()(std::size_t e) const
    {
        using std::tanh;
        Value a = z[e] + bias[e % n];
        if (tanh_output)
        {
            a = tanh(a);
            activation[e] = a;
        }
        if (out)
            out[e] = a * scale;
    }
};

/// δ_L = (s v) ⊙ σ_out'(z_L) on (v, σ_out(z_L)).
template <class Value>
struct batched_mlp_output_cotangent
{
    const Value* v;
    const Value* activation;
    Value* delta;
    bool tanh_output;
    Value scale;

    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE void operator()(std::size_t e) const
    {
        const Value scaled = scale * v[e];
        if (tanh_output)
            delta[e] = scaled * mlp_tanh_derivative(activation[e]);
        else
            delta[e] = scaled;
    }
};

/// δ_{l−1} = (W_lᵀ δ_l) ⊙ σ'(z_{l−1}), in place on the product.
template <class Value>
struct batched_mlp_hidden_cotangent
{
    Value* delta;
    const Value* z;
    const Value* a;
    bool lipswish;

    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE void operator()(std::size_t e) const
    {
        delta[e] = delta[e] * mlp_hidden_derivative(z[e], a[e], lipswish);
    }
};

/// adj_y[b d + i] += c[b n0 + i] for i < d: the cotangent of the state part of the input.
template <class Value>
struct batched_mlp_add_input_cotangent
{
    const Value* c;
    Value* adj_y;
    std::size_t d, n0;

    BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE void operator()(std::size_t e) const
    {
        const std::size_t b = e / d, i = e % d;
        adj_y[e] = adj_y[e] + c[b * n0 + i];
    }
};

template <class Function>
void for_each_index(std::size_t n, Function f)
{
    const thrust::counting_iterator<std::size_t> first(0);
    thrust::for_each(first, first + static_cast<std::ptrdiff_t>(n), f);
}

} // namespace detail

/// The buffers of one batched field evaluation and its vjp (see the header comment): made by
/// thrust_batched_mlp_field::make_workspace for a batch of `paths` paths.
template <class Value>
struct thrust_batched_mlp_workspace
{
    using vector = thrust::device_vector<Value>;
    std::size_t paths = 0;
    vector input;                 ///< [y, t], n_0 × B (time input only)
    std::vector<vector> z;        ///< Z_l, n_l × B
    std::vector<vector> hidden;   ///< σ(Z_l) of the hidden layers
    vector output;                ///< σ_out(Z_L) (tanh output only)
    vector delta, below;          ///< cotangents, widest layer × B
    thrust::device_vector<double> input_wide, delta_wide, ones;  ///< double factors (float)
};

template <class Value = double>
class thrust_batched_mlp_field
{
public:
    using value_type = Value;
    using vector_type = thrust::device_vector<Value>;
    using workspace_type = thrust_batched_mlp_workspace<Value>;

    /// f = output_scale · network(y) or network([y, t]) (time input); the network maps d (or
    /// d + 1) inputs to d outputs. vjp adds the parameter cotangent at offset
    /// parameter_offset of adj_p. θ is copied to the device.
    explicit thrust_batched_mlp_field(const mlp<Value>& network,
                                      mlp_time time = mlp_time::ignored,
                                      std::size_t parameter_offset = 0,
                                      Value output_scale = Value(1))
        : m_sizes(network.layer_sizes()),
          m_lipswish(network.hidden_activation() == mlp_activation::lipswish),
          m_tanh_output(network.output_activation() == mlp_output_activation::tanh),
          m_time(time), m_parameter_offset(parameter_offset), m_output_scale(output_scale)
    {
        detail::check_vector_field_shape("thrust_batched_mlp_field", network.input_size(),
                                         network.output_size(), m_time);
        detail::check_mlp_parameter_count<std::invalid_argument>(
            "thrust_batched_mlp_field", network.parameters().size(), m_sizes,
            network.parameter_count());
        m_offsets = detail::mlp_layer_offsets(m_sizes);
        m_parameters = std::make_shared<const vector_type>(network.parameters().begin(),
                                                           network.parameters().end());
    }

    /// d, the components of one path.
    std::size_t path_size() const { return m_sizes.back(); }
    std::size_t parameter_count() const { return m_offsets.back(); }
    std::size_t parameter_offset() const { return m_parameter_offset; }
    Value output_scale() const { return m_output_scale; }
    mlp_time time_input() const { return m_time; }
    const std::vector<std::size_t>& layer_sizes() const { return m_sizes; }
    /// θ on the device, flat (mlp<Value>'s layout).
    const vector_type& parameters() const { return *m_parameters; }

    /// B for a batched vector of `size` elements; std::invalid_argument unless size is a
    /// positive multiple of path_size().
    std::size_t paths_of(std::size_t size, const char* who, const char* what) const
    {
        return detail::batch_paths(who, what, size, path_size());
    }

    /// The buffers for a batch of `paths` paths (allocated here, once).
    workspace_type make_workspace(std::size_t paths) const
    {
        const std::size_t layers = m_sizes.size() - 1;
        workspace_type w;
        w.paths = paths;
        if (m_time == mlp_time::input)
            w.input.resize(m_sizes[0] * paths);
        std::size_t widest = m_sizes[0];
        for (std::size_t l = 0; l < layers; ++l)
        {
            w.z.emplace_back(m_sizes[l + 1] * paths);
            if (l + 1 < layers)
                w.hidden.emplace_back(m_sizes[l + 1] * paths);
            widest = std::max(widest, m_sizes[l + 1]);
        }
        if (m_tanh_output)
            w.output.resize(path_size() * paths);
        w.delta.resize(widest * paths);
        w.below.resize(widest * paths);
        if (!std::is_same<Value, double>::value)
        {
            w.input_wide.resize(widest * paths);
            w.delta_wide.resize(widest * paths);
        }
        w.ones.assign(paths, 1.0);
        return w;
    }

    /// out = f(t, y) for every path (y, out of size B d, w made for B paths).
    template <class Time>
    void evaluate(const vector_type& y, Time t, vector_type& out, workspace_type& w) const
    {
        check(y, w, "the state");
        check(out, w, "the output");
        forward(y, t, detail::raw(out), w);
    }

    /// adj_y += (∂f/∂y)ᵀv path by path, and adds the parameter cotangent summed over the
    /// batch to the device array grad[parameter_offset() ...] (double, P entries).
    template <class Time>
    void vjp(const vector_type& y, Time t, const vector_type& v, vector_type& adj_y,
             double* grad, workspace_type& w) const
    {
        check(y, w, "the state");
        check(v, w, "the cotangent v");
        check(adj_y, w, "adj_y");
        forward(y, t, nullptr, w);
        const std::size_t layers = m_sizes.size() - 1, B = w.paths, d = path_size();
        const Value* theta = detail::raw(*m_parameters);
        grad += m_parameter_offset;
        detail::for_each_index(d * B, detail::batched_mlp_output_cotangent<Value>{
                                          detail::raw(v), detail::raw(w.output),
                                          detail::raw(w.delta), m_tanh_output, m_output_scale});
        for (std::size_t l = layers; l-- > 0;)
        {
            const std::size_t n_in = m_sizes[l], n_out = m_sizes[l + 1];
            const Value* input = layer_input(y, l, w);
            add_parameter_cotangent(input, n_in, n_out, grad + m_offsets[l], w);
            // below = W_lᵀ δ_l (n_in × B): W_l row-major n_out × n_in is column-major n_in ×
            // n_out.
            thrust_gemm<Value>({false, false, n_in, B, n_out, n_in, n_out, n_in},
                               theta + m_offsets[l], detail::raw(w.delta), false,
                               detail::raw(w.below));
            if (l == 0)
            {
                detail::for_each_index(d * B, detail::batched_mlp_add_input_cotangent<Value>{
                                                  detail::raw(w.below), detail::raw(adj_y), d,
                                                  n_in});
                break;
            }
            detail::for_each_index(n_in * B, detail::batched_mlp_hidden_cotangent<Value>{
                                                 detail::raw(w.below), detail::raw(w.z[l - 1]),
                                                 detail::raw(w.hidden[l - 1]), m_lipswish});
            w.delta.swap(w.below);
        }
    }

private:
    void check(const vector_type& x, const workspace_type& w, const char* what) const
    {
        const std::size_t paths = paths_of(x.size(), "thrust_batched_mlp_field", what);
        if (paths != w.paths)
            throw std::invalid_argument("thrust_batched_mlp_field: " + std::string(what) +
                                        " holds " + std::to_string(paths) +
                                        " paths but the work space was made for " +
                                        std::to_string(w.paths));
    }

    const Value* layer_input(const vector_type& y, std::size_t l, const workspace_type& w) const
    {
        if (l > 0)
            return detail::raw(w.hidden[l - 1]);
        return m_time == mlp_time::input ? detail::raw(w.input) : detail::raw(y);
    }

    template <class Time>
    void forward(const vector_type& y, Time t, Value* out, workspace_type& w) const
    {
        const std::size_t layers = m_sizes.size() - 1, B = w.paths;
        if (m_time == mlp_time::input)
        {
            const thrust::counting_iterator<std::size_t> first(0);
            thrust::transform(first, first + static_cast<std::ptrdiff_t>(m_sizes[0] * B),
                              w.input.begin(),
                              detail::batched_mlp_time_input<Value>{
                                  detail::raw(y), path_size(), m_sizes[0],
                                  static_cast<Value>(t)});
        }
        const Value* theta = detail::raw(*m_parameters);
        for (std::size_t l = 0; l < layers; ++l)
        {
            const std::size_t n_in = m_sizes[l], n_out = m_sizes[l + 1];
            // Z_l = W_l A_{l−1}: W_l row-major n_out × n_in is (column-major n_in × n_out)ᵀ.
            thrust_gemm<Value>({true, false, n_out, B, n_in, n_in, n_in, n_out},
                               theta + m_offsets[l], layer_input(y, l, w), false,
                               detail::raw(w.z[l]));
            const Value* bias = theta + m_offsets[l] + n_out * n_in;
            if (l + 1 < layers)
                detail::for_each_index(n_out * B, detail::batched_mlp_hidden_layer<Value>{
                                                      detail::raw(w.z[l]),
                                                      detail::raw(w.hidden[l]), bias, n_out,
                                                      m_lipswish});
            else
                detail::for_each_index(n_out * B, detail::batched_mlp_output_layer<Value>{
                                                      detail::raw(w.z[l]),
                                                      detail::raw(w.output), out, bias, n_out,
                                                      m_tanh_output, m_output_scale});
        }
    }

    /// grad_W += δ A_inᵀ, grad_b += δ 1, in double (exact products of the float factors).
    void add_parameter_cotangent(const Value* input, std::size_t n_in, std::size_t n_out,
                                 double* grad, workspace_type& w) const
    {
        const std::size_t B = w.paths;
        const double* a;
        const double* delta;
        if constexpr (std::is_same<Value, double>::value)
        {
            a = input;
            delta = detail::raw(w.delta);
        }
        else
        {
            thrust::copy(thrust::device_pointer_cast(input),
                         thrust::device_pointer_cast(input) +
                             static_cast<std::ptrdiff_t>(n_in * B),
                         w.input_wide.begin());
            thrust::copy(w.delta.begin(),
                         w.delta.begin() + static_cast<std::ptrdiff_t>(n_out * B),
                         w.delta_wide.begin());
            a = detail::raw(w.input_wide);
            delta = detail::raw(w.delta_wide);
        }
        // grad_W (row-major n_out × n_in = column-major n_in × n_out) += A_in δᵀ.
        thrust_gemm<double>({false, true, n_in, n_out, B, n_in, n_out, n_in}, a, delta, true,
                            grad);
        thrust_gemm<double>({false, false, n_out, 1, B, n_out, B, n_out}, delta,
                            detail::raw(w.ones), true, grad + n_out * n_in);
    }

    std::vector<std::size_t> m_sizes;
    std::vector<std::size_t> m_offsets;
    bool m_lipswish;
    bool m_tanh_output;
    mlp_time m_time;
    std::size_t m_parameter_offset;
    Value m_output_scale;
    std::shared_ptr<const vector_type> m_parameters;
};

/// The field of thrust_neural_sde: the drift and diffusion values of the batch and the work
/// space of both networks (mutable: vjp writes its forward pass there through a const G).
template <class Value>
struct thrust_neural_sde_field
{
    thrust::device_vector<Value> drift, diffusion;
    mutable thrust_batched_mlp_workspace<Value> drift_work, diffusion_work;
    mutable thrust::device_vector<double> parameter_cotangent;
    mutable std::vector<double> host_cotangent;
};

namespace detail {

template <class T>
struct is_device_vector_of_double : std::false_type {};

template <class Alloc>
struct is_device_vector_of_double<thrust::device_vector<double, Alloc>> : std::true_type {};

} // namespace detail

/// The vector field of thrust_neural_sde, F = (f(t, y), g(y)) for a batch of `dimension`
/// elements, in the form driven_equation (system/driven_equation.hpp) takes.
template <class Value = double>
class thrust_neural_sde_vector_field
{
public:
    using value_type = Value;
    using vector_type = thrust::device_vector<Value>;
    using field_model = thrust_batched_mlp_field<Value>;
    using field_type = thrust_neural_sde_field<Value>;

    thrust_neural_sde_vector_field(field_model drift, field_model diffusion,
                                   std::size_t dimension)
        : m_drift(std::move(drift)), m_diffusion(std::move(diffusion)), m_dimension(dimension)
    {
        if (m_drift.path_size() != m_diffusion.path_size())
            throw std::invalid_argument("thrust_neural_sde: the drift has " +
                                        std::to_string(m_drift.path_size()) +
                                        " components per path, the diffusion " +
                                        std::to_string(m_diffusion.path_size()));
        if (m_dimension % m_drift.path_size() != 0)
            throw std::invalid_argument("thrust_neural_sde: the path has dimension " +
                                        std::to_string(m_dimension) +
                                        ", not a multiple of the path size " +
                                        std::to_string(m_drift.path_size()));
    }

    const field_model& drift() const { return m_drift; }
    const field_model& diffusion() const { return m_diffusion; }
    std::size_t paths() const { return m_dimension / m_drift.path_size(); }

    /// The entries of θ that vjp adds to: drift's and diffusion's, at their offsets.
    std::size_t parameter_count() const
    {
        return std::max(m_drift.parameter_offset() + m_drift.parameter_count(),
                        m_diffusion.parameter_offset() + m_diffusion.parameter_count());
    }

    field_type make_field(const vector_type& y) const
    {
        check_state_size(y, "the state");
        const std::size_t B = paths();
        field_type F;
        F.drift.resize(y.size());
        F.diffusion.resize(y.size());
        F.drift_work = m_drift.make_workspace(B);
        F.diffusion_work = m_diffusion.make_workspace(B);
        F.parameter_cotangent.resize(parameter_count());
        F.host_cotangent.resize(parameter_count());
        return F;
    }

    /// F = (f(t, y), g(y)) for the batch.
    template <class Time>
    void operator()(const vector_type& y, field_type& F, Time t) const
    {
        check_state_size(y, "the state");
        m_drift.evaluate(y, t, F.drift, F.drift_work);
        m_diffusion.evaluate(y, t, F.diffusion, F.diffusion_work);
    }

    /// k = f dt + g ⊙ dW (stratonovich_vector_field's arithmetic): one transform.
    template <class Time>
    void product(const field_type& F, Time dt, const vector_type& dW, vector_type& k) const
    {
        thrust::transform(detail::zip_begin(F.drift, F.diffusion, dW),
                          detail::zip_end(F.drift, F.diffusion, dW), k.begin(),
                          detail::diagonal_sde_product<Value>{static_cast<Value>(dt)});
    }

    /// G = (v dt, v ⊙ dW): one transform.
    template <class Time>
    void product_transpose(const vector_type& v, Time dt, const vector_type& dW,
                           field_type& G) const
    {
        check_state_size(v, "the cotangent v");
        thrust::transform(detail::zip_begin(v, dW), detail::zip_end(v, dW),
                          detail::zip_begin(G.drift, G.diffusion),
                          detail::diagonal_sde_product_transpose<Value>{
                              static_cast<Value>(dt)});
    }

    /// Adds (∂F/∂y)ᵀG to adj_y and the parameter cotangent of the batch (summed in double)
    /// to adj_p: drift first, then diffusion, as stratonovich_vector_field does.
    template <class Time, class ParameterAdjoint>
    void vjp(const vector_type& y, Time t, const field_type& G, vector_type& adj_y,
             ParameterAdjoint& adj_p) const
    {
        check_state_size(y, "the state");
        check_state_size(adj_y, "adj_y");
        const std::size_t P = parameter_count();
        if (static_cast<std::size_t>(adj_p.size()) < P)
            throw std::invalid_argument("thrust_neural_sde::vjp: adj_p has size " +
                                        std::to_string(adj_p.size()) +
                                        " but drift and diffusion have " + std::to_string(P) +
                                        " parameters");
        if constexpr (detail::is_device_vector_of_double<ParameterAdjoint>::value)
        {
            m_drift.vjp(y, t, G.drift, adj_y, detail::raw(adj_p), G.drift_work);
            m_diffusion.vjp(y, t, G.diffusion, adj_y, detail::raw(adj_p), G.diffusion_work);
        }
        else
        {
            thrust::fill(G.parameter_cotangent.begin(), G.parameter_cotangent.end(), 0.0);
            double* grad = detail::raw(G.parameter_cotangent);
            m_drift.vjp(y, t, G.drift, adj_y, grad, G.drift_work);
            m_diffusion.vjp(y, t, G.diffusion, adj_y, grad, G.diffusion_work);
            thrust::copy(G.parameter_cotangent.begin(), G.parameter_cotangent.end(),
                         G.host_cotangent.begin());
            for (std::size_t j = 0; j < P; ++j)
                adj_p[j] += G.host_cotangent[j];
        }
    }

private:
    void check_state_size(const vector_type& x, const char* what) const
    {
        if (x.size() != m_dimension)
            throw std::invalid_argument(std::string("thrust_neural_sde: ") + what +
                                        " has size " + std::to_string(x.size()) +
                                        " but the path has dimension " +
                                        std::to_string(m_dimension) + " (" +
                                        std::to_string(paths()) + " paths of " +
                                        std::to_string(m_drift.path_size()) + ")");
    }

    field_model m_drift;
    field_model m_diffusion;
    std::size_t m_dimension;
};

/// dy = f(t, y) dt + g(y) ∘ dW on a batch of paths, f and g batched MLP fields, W the
/// batch's device noise (diagonal: component i of path b driven by component i of noise path
/// b); see the header comment. A driven_equation of thrust_neural_sde_vector_field and the
/// path.
template <class Value = double, class Path = thrust_brownian_path<Value>>
class thrust_neural_sde
    : public driven_equation<thrust_neural_sde_vector_field<Value>, Path,
                             thrust::device_vector<Value>>
{
    using base = driven_equation<thrust_neural_sde_vector_field<Value>, Path,
                                 thrust::device_vector<Value>>;

public:
    using value_type = Value;
    using vector_type = thrust::device_vector<Value>;
    using field_model = thrust_batched_mlp_field<Value>;

    // The path is copied once (not moved): its dimension sizes the field, and the order in
    // which the base's two arguments are made is unspecified.
    thrust_neural_sde(field_model drift, field_model diffusion, const Path& path)
        : base(thrust_neural_sde_vector_field<Value>(std::move(drift), std::move(diffusion),
                                                     path.dimension()),
               path)
    {
    }

    const field_model& drift() const { return this->field().drift(); }
    const field_model& diffusion() const { return this->field().diffusion(); }
    std::size_t paths() const { return this->field().paths(); }

    /// The entries of θ that vjp adds to: drift's and diffusion's, at their offsets.
    std::size_t parameter_count() const { return this->field().parameter_count(); }
};

/// dy = drift(t, y) dt + diffusion(y) ∘ dW on the batch of `path` (see above).
template <class Value, class Path>
thrust_neural_sde<Value, Path> make_thrust_neural_sde(thrust_batched_mlp_field<Value> drift,
                                                      thrust_batched_mlp_field<Value> diffusion,
                                                      Path path)
{
    return thrust_neural_sde<Value, Path>(std::move(drift), std::move(diffusion), path);
}

} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_EXTERNAL_THRUST_THRUST_BATCHED_MLP_HPP_INCLUDED
