/*
 boost/numeric/odeint/util/ees_host_device.hpp

 BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE: `__host__ __device__` under nvcc, nothing otherwise,
 for the functors the library hands to an algebra (and so, with Thrust, to device code).

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_UTIL_EES_HOST_DEVICE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_UTIL_EES_HOST_DEVICE_HPP_INCLUDED

#ifndef BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE
#ifdef __CUDACC__
#define BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE __host__ __device__
#else
#define BOOST_NUMERIC_ODEINT_EES_HOST_DEVICE
#endif
#endif

#endif // BOOST_NUMERIC_ODEINT_UTIL_EES_HOST_DEVICE_HPP_INCLUDED
