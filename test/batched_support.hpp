// The neural SDE of the batched tests: a small version of the paper's model (MLP drift with
// time input, diagonal diffusion s·tanh(MLP(y))), as single-path fields (nn/mlp.hpp) and
// as batched fields (nn/batched_mlp.hpp) with the same parameters.
#ifndef ODEINT_EES_TEST_BATCHED_SUPPORT_HPP
#define ODEINT_EES_TEST_BATCHED_SUPPORT_HPP

#include <boost/numeric/odeint/nn/batched_mlp.hpp>
#include <boost/numeric/odeint/nn/mlp.hpp>

#include <cstddef>
#include <vector>

namespace ees_test {

namespace odeint = boost::numeric::odeint;

/// s · mlp_vector_field: the single-path diffusion of the paper's neural SDE.
struct scaled_field
{
    odeint::mlp_vector_field<double> field;
    double scale;

    void operator()(const std::vector<double>& y, std::vector<double>& g, double t) const
    {
        field(y, g, t);
        for (auto& gi : g)
            gi *= scale;
    }

    void vjp(const std::vector<double>& y, double t, const std::vector<double>& u,
             std::vector<double>& adj_y, std::vector<double>& adj_p) const
    {
        std::vector<double> scaled(u);
        for (auto& x : scaled)
            x *= scale;
        field.vjp(y, t, scaled, adj_y, adj_p);
    }
};

struct neural_sde_model
{
    std::size_t d, width;
    double scale = 0.5;
    odeint::mlp<double> drift_network, diffusion_network;

    neural_sde_model(std::size_t d_, std::size_t width_)
        : d(d_), width(width_),
          drift_network({d + 1, width, width, d}, odeint::mlp_activation::lipswish, 5),
          diffusion_network({d, width, d}, odeint::mlp_activation::lipswish, 6,
                            odeint::mlp_output_activation::tanh)
    {
    }

    std::size_t parameter_count() const
    {
        return drift_network.parameter_count() + diffusion_network.parameter_count();
    }

    odeint::mlp_vector_field<double> drift() const
    {
        return odeint::mlp_vector_field<double>(drift_network, odeint::mlp_time::input);
    }
    scaled_field diffusion() const
    {
        return {odeint::mlp_vector_field<double>(diffusion_network, odeint::mlp_time::ignored,
                                                 drift_network.parameter_count()),
                scale};
    }
    odeint::batched_mlp_field<double> batched_drift() const
    {
        return odeint::batched_mlp_field<double>(drift_network, odeint::mlp_time::input);
    }
    odeint::batched_mlp_field<double> batched_diffusion() const
    {
        return odeint::batched_mlp_field<double>(diffusion_network, odeint::mlp_time::ignored,
                                                 drift_network.parameter_count(), scale);
    }
};

} // namespace ees_test

#endif
