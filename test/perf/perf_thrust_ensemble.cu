// The CUDA build of perf_thrust_ensemble.cpp (nvcc compiles .cu files for the device).
#include "perf_thrust_ensemble.cpp"
