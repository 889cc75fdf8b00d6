# Training-loss curves of the three solvers from a neural SDE example's CSV
# (columns experiment,solver,dt,epoch,loss,...):
#   gnuplot -e "csv='doc/figures/ou_step_x1.csv'; png='doc/figures/ou_step_x1_loss.png'" \
#           example/neural_sde/plot_losses.gp
# Optional: title='...' replaces the title made from the CSV (experiment and step sizes);
# gap=X, the time between observations, marks steps longer than it (cut at the observations).
# scripts/plot-neural-sde-figures.sh regenerates every figure of doc/figures this way.
set datafile separator ","
set datafile missing "nan"
set terminal pngcairo size 900,560 font ",11" noenhanced dashlength 2
set output png

# The experiment's name (first column) and each solver's step, for the title and legend.
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
step_label(dt) = (exists("gap") && dt > gap * (1 + 1e-9)) ? sprintf("dt = %.4g, cut to %.4g at the observations", dt, gap) : sprintf("dt = %.4g", dt)
if (!exists("title")) title = sprintf("%s: training loss, three solvers at the same cost per unit time", pretty)

set title title
set xlabel "epoch"
set ylabel "training loss (pathwise mean squared error)"
set logscale y
set grid
set key top right box opaque
set offsets 0, 0, graph 0.22, 0   # headroom above the curves for the key
pick(name) = (strcol(2) eq name) ? column(5) : 1/0
# Distinct colour, dash pattern and marker per solver, so that coinciding curves stay visible.
plot csv using 4:(pick("reversible_heun")) with lines lw 2 lc rgb "#1b9e77" dt 1 \
         title "reversible Heun, ".step_label(dt_heun), \
     csv using 4:(pick("ees25")) with linespoints lw 2 lc rgb "#d95f02" dt 2 pt 6 ps 1.1 pi 25 \
         title "EES(2,5), ".step_label(dt_ees25), \
     csv using 4:(pick("ees27")) with linespoints lw 2 lc rgb "#7570b3" dt 3 pt 8 ps 1.1 pi 20 \
         title "EES(2,7), ".step_label(dt_ees27)
