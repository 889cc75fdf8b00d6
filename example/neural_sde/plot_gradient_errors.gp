# Relative difference between the reversible gradient (integrate_reversible) and the
# store-everything adjoint's (integrate_discrete_adjoint) along training, on the epochs where
# it was computed (1, every 10th, the last), from a neural SDE example's CSV:
#   gnuplot -e "csv='doc/figures/ou_step_x1.csv'; png='doc/figures/ou_step_x1_gradient.png'" \
#           example/neural_sde/plot_gradient_errors.gp
# Optional: title='...' replaces the title made from the CSV.
set datafile separator ","
set datafile missing "nan"
set terminal pngcairo size 900,560 font ",11" noenhanced
set output png

experiment = system(sprintf("awk -F, 'NR == 2 { print $1; exit }' '%s'", csv))
pretty = experiment eq "stiff_gbm" ? "stiff GBM" : (experiment eq "ou" ? "OU" : experiment)
if (exists("paths_note")) pretty = pretty . paths_note  # e.g. ", 10⁴ paths"
step_of(name) = (strcol(2) eq name) ? column(3) : 1/0
stats csv using (step_of("reversible_heun")) nooutput
dt_heun = STATS_max
stats csv using (step_of("ees25")) nooutput
dt_ees25 = STATS_max
stats csv using (step_of("ees27")) nooutput
dt_ees27 = STATS_max
if (!exists("title")) title = sprintf("%s: reversible gradient against the store-everything adjoint", pretty)

set title title
set xlabel "epoch"
set ylabel "relative gradient difference"
set logscale y
set format y "1e%L"
set yrange [1e-17:1]
set grid
set key at graph 0.98, graph 0.40 right center box opaque  # the empty band between EES and rounding
pick(name) = (strcol(2) eq name && strcol(7) ne "nan") ? column(7) : 1/0
plot csv using 4:(pick("reversible_heun")) with points pt 7 ps 1.2 lc rgb "#1b9e77" \
         title sprintf("reversible Heun, dt = %.4g (exact: rounding)", dt_heun), \
     csv using 4:(pick("ees25")) with points pt 6 ps 1.4 lc rgb "#d95f02" \
         title sprintf("EES(2,5), dt = %.4g", dt_ees25), \
     csv using 4:(pick("ees27")) with points pt 8 ps 1.4 lc rgb "#7570b3" \
         title sprintf("EES(2,7), dt = %.4g", dt_ees27)
