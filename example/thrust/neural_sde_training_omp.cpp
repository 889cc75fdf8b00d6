#include "neural_sde_training.cu"
