// The CUDA build of perf_thrust_neural_sde.cpp (nvcc compiles .cu files for the device; link
// -lcublas).
#include "perf_thrust_neural_sde.cpp"
