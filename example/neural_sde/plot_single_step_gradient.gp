# The single-step gradient error of example/neural_sde/single_step_gradient.cpp against h,
# log-log, float64 (solid) and float32 (dashed), beside the values Shmelev & Salvi published
# for their model (EES(2,5), EES(2,7): mean over 5 seeds, float32, h up to 1/2). Left: Brownian increments
# dW = sqrt(h) Z (the paper's setting); right: increments proportional to h.
#   gnuplot -e "csv='doc/figures/single_step_gradient.csv'; png='doc/figures/single_step_gradient.png'" \
#           example/neural_sde/plot_single_step_gradient.gp
# (these two files are the defaults: plain `gnuplot example/neural_sde/plot_single_step_gradient.gp`
# from the repository root does the same)
if (!exists("csv")) csv = "doc/figures/single_step_gradient.csv"
if (!exists("png")) png = "doc/figures/single_step_gradient.png"
set datafile separator ","
set terminal pngcairo size 1300,560 font ",11" noenhanced
set output png

# Published mean relative errors, h = 1/256 ... 1/2 (float32).
$paper << EOD
0.00390625,8.77e-8,4.07e-8
0.0078125,1.14e-6,5.28e-8
0.015625,1.78e-4,4.30e-6
0.03125,1.74e-2,1.65e-4
0.0625,0.375,0.266
0.125,9.18,2.85
0.25,395,638
0.5,2.0e4,1.35e5
EOD

pick(kind, precision, solver) = (strcol(1) eq kind && strcol(2) eq precision && strcol(3) eq solver) ? column(5) : 1/0
set logscale xy 2
set logscale y 10
set format y "1e%L"
set xrange [1.0/300:10]
set yrange [1e-17:1e24]  # room above the curves for the key
set xtics ("1/256" 1.0/256, "1/128" 1.0/128, "1/64" 1.0/64, "1/32" 1.0/32, "1/16" 1.0/16, "1/8" 1.0/8, "1/4" 0.25, "1/2" 0.5, "1" 1, "2" 2, "4" 4, "8" 8)
set xlabel "step h"
set ylabel "relative error of the one-step parameter gradient"
set grid
set key top left box opaque font ",9"
eps32 = 2.0**-23
eps64 = 2.0**-52
set multiplot layout 1,2
do for [kind in "brownian proportional"] {
  set title (kind eq "brownian" ? "Brownian increments dW = sqrt(h) Z" : "increments proportional to h: dW = h Z") font ",12"
  plot csv using 4:(pick(kind, "float64", "ees25")) skip 1 with linespoints lw 2 pt 7 lc rgb "#d95f02" title "EES(2,5) float64", \
       csv using 4:(pick(kind, "float32", "ees25")) skip 1 with linespoints lw 2 dt 2 pt 6 lc rgb "#d95f02" title "EES(2,5) float32", \
       csv using 4:(pick(kind, "float64", "ees27")) skip 1 with linespoints lw 2 pt 9 lc rgb "#7570b3" title "EES(2,7) float64", \
       csv using 4:(pick(kind, "float32", "ees27")) skip 1 with linespoints lw 2 dt 2 pt 8 lc rgb "#7570b3" title "EES(2,7) float32", \
       csv using 4:(pick(kind, "float64", "reversible_heun")) skip 1 with linespoints lw 1 pt 5 lc rgb "#1b9e77" title "reversible Heun float64", \
       csv using 4:(pick(kind, "float32", "reversible_heun")) skip 1 with linespoints lw 1 dt 2 pt 4 lc rgb "#1b9e77" title "reversible Heun float32", \
       $paper using 1:2 with linespoints lw 1 dt 3 pt 13 ps 1.3 lc rgb "#e7298a" title "EES(2,5) published (their model, float32)", \
       $paper using 1:3 with linespoints lw 1 dt 3 pt 11 ps 1.3 lc rgb "#66a61e" title "EES(2,7) published (their model, float32)", \
       eps32 with lines lw 1 dt 4 lc rgb "#999999" title "float32 epsilon", \
       eps64 with lines lw 1 dt 4 lc rgb "#555555" title "float64 epsilon"
}
unset multiplot
