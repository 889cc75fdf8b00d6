#!/usr/bin/env bash
# Regenerates the figures of doc/figures from the committed CSV files with gnuplot
# (Debian: gnuplot-nox): a loss figure for every <experiment>_step_x<K>.csv, and a
# gradient-difference figure for the base step (K = 1).
set -euo pipefail
cd "$(dirname "$0")/.."
for csv in doc/figures/*_step_x*.csv; do
  stem=${csv%.csv}
  # The time between observations (doc/neural_sde.md): longer steps are cut there.
  case $(basename "$csv") in
    stiff_gbm_*) gap=0.1 ;;
    ou_*) gap=0.5 ;;
    *) gap=1e300 ;;
  esac
  # The runs at 10^4 paths (doc/results/neural_sde.md) say so in their titles.
  note=
  case $(basename "$csv") in
    *_paths10k_*) note="paths_note=', 10⁴ paths'; " ;;
  esac
  gnuplot -e "${note}csv='$csv'; png='${stem}_loss.png'; gap=$gap" example/neural_sde/plot_losses.gp
  echo "${stem}_loss.png"
  if [[ $stem == *_step_x1 ]]; then
    gnuplot -e "${note}csv='$csv'; png='${stem}_gradient.png'" example/neural_sde/plot_gradient_errors.gp
    echo "${stem}_gradient.png"
  fi
done
# The single-step gradient error (doc/results/neural_sde.md) and float32 against float64 training.
if [ -f doc/figures/single_step_gradient.csv ]; then
  gnuplot example/neural_sde/plot_single_step_gradient.gp
  echo doc/figures/single_step_gradient.png
fi
if [ -f doc/figures/stiff_gbm_float64.csv ] && [ -f doc/figures/stiff_gbm_float32.csv ]; then
  gnuplot -e "csv64='doc/figures/stiff_gbm_float64.csv'; csv32='doc/figures/stiff_gbm_float32.csv'; png='doc/figures/stiff_gbm_precision.png'" example/neural_sde/plot_precision.gp
  echo doc/figures/stiff_gbm_precision.png
fi
