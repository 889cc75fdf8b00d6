#!/usr/bin/env bash
# Boost.Odeint's own test programs with ees25, ees27 and reversible_heun added to the stepper
# lists they iterate over, built against the newest odeint's headers and run.
#
# The programs (Boost.Test) and headers are odeint's develop branch in
# $(git rev-parse --show-toplevel)/../shared/deps/odeint-develop/{include,test}; they stay
# unmodified: each program used is copied to the build folder and adapted there with awk
# (the project's headers included after the program's own, the steppers inserted into its
# lists, or a test case cloned for each of them). One line per program:
#   pass | fail (log: FILE) | not applicable by design: why
# Exits 1 if a program fails; 0 (one line saying so) where ../shared is absent, as in a
# user's clone.
#
#   scripts/odeint-conformance.sh [build-folder]      (default: build/odeint-conformance)
#
# Environment: CXX (g++), JOBS (2), ODEINT_CONFORMANCE_PROGRAMS="integrate resizing ..." runs
# only those, ODEINT_CONFORMANCE_BOOST=system builds against the system Boost's odeint instead
# (Debian's 1.74), for comparison.
set -uo pipefail
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
shared="$root/../shared"
odeint="$shared/deps/odeint-develop"
if [ ! -d "$odeint/test" ] || [ ! -d "$odeint/include" ]; then
  echo "odeint conformance: skipped (no ../shared/deps/odeint-develop next to the repository)"
  exit 0
fi
odeint=$(cd "$odeint" && pwd)
build=${1:-$root/build/odeint-conformance}
mkdir -p "$build"
build=$(cd "$build" && pwd)
cxx=${CXX:-g++}
jobs=${JOBS:-2}
if [ "${ODEINT_CONFORMANCE_BOOST:-develop}" = system ]; then
  odeint_include=()
else
  odeint_include=(-I "$odeint/include")
fi
# odeint's test programs need C++14; -O1 keeps the numeric programs quick to run.
flags=(-std=c++17 -O1 -w "${odeint_include[@]}" -I "$odeint/test" -I "$root/include"
       -I "$root/boost_ext" -DBOOST_TEST_DYN_LINK)
libs=(-lboost_unit_test_framework)

# --- adaptation helpers (awk; each fails when its anchor is missing) -------------------------

# The project's headers, after the program's last #include (its configuration macros, such
# as BOOST_FUSION_INVOKE_MAX_ARITY, come first).
add_includes() {
  awk '{ line[NR] = $0 } /^#include/ { last = NR }
       END { if (!last) exit 1
             for (i = 1; i <= NR; ++i) { print line[i]
               if (i == last) print "#include <boost/numeric/odeint/ees.hpp>" } }' "$1" > "$1.tmp" &&
    mv "$1.tmp" "$1"
}

# Raise Boost.MPL's vector limit (20) for lists that grow past it; before every include.
raise_mpl_limit() {
  { echo "#define BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS"
    echo "#define BOOST_MPL_LIMIT_VECTOR_SIZE $2"
    cat "$1"; } > "$1.tmp" && mv "$1.tmp" "$1"
}

# insert_before FILE ANCHOR TEXT [N]: TEXT (lines separated by \n) before the N-th (first)
# line that contains the fixed string ANCHOR.
insert_before() {
  awk -v anchor="$2" -v text="$3" -v nth="${4:-1}" '
    !done && index($0, anchor) && ++seen == nth {
      n = split(text, t, "\\\\n"); for (i = 1; i <= n; ++i) print t[i]; done = 1 }
    { print } END { if (!done) exit 1 }' "$1" > "$1.tmp" && mv "$1.tmp" "$1"
}

# insert_after FILE ANCHOR TEXT [N]: TEXT after the N-th (first) line containing ANCHOR.
insert_after() {
  awk -v anchor="$2" -v text="$3" -v nth="${4:-1}" '
    { print }
    !done && index($0, anchor) && ++seen == nth {
      n = split(text, t, "\\\\n"); for (i = 1; i <= n; ++i) print t[i]; done = 1 }
    END { if (!done) exit 1 }' "$1" > "$1.tmp" && mv "$1.tmp" "$1"
}

# insert_after_next FILE ANCHOR TEXT: TEXT after the line that follows the first line
# containing ANCHOR.
insert_after_next() {
  awk -v anchor="$2" -v text="$3" '
    { print }
    armed && !done { n = split(text, t, "\\\\n"); for (i = 1; i <= n; ++i) print t[i]; done = 1 }
    !armed && index($0, anchor) { armed = 1 }
    END { if (!done) exit 1 }' "$1" > "$1.tmp" && mv "$1.tmp" "$1"
}

# clone_case FILE CASE FROMS TO...: after test case CASE (from its BOOST_AUTO_TEST_CASE line
# to the first line "}"), a copy for each TO, named CASE_TO, in which every stepper named in
# FROMS ("a|b|c") is replaced by TO (where followed by "<", " <", "(" or ">").
clone_case() {
  local file=$1 name=$2 from=$3
  shift 3
  awk -v name="$name" -v from="$from" -v to="$*" '
    function sub_all(s, a, b,   out, i) { out = ""
      while ((i = index(s, a)) > 0) { out = out substr(s, 1, i - 1) b; s = substr(s, i + length(a)) }
      return out s }
    function clone(s, target,   k, m, f) { m = split(from, f, "|")
      s = sub_all(s, "( " name " ", "( " name "_" target " ")
      for (k = 1; k <= m; ++k) {
        s = sub_all(s, f[k] "<", target "<"); s = sub_all(s, f[k] " <", target " <")
        s = sub_all(s, f[k] "(", target "("); s = sub_all(s, f[k] ">", target ">") }
      return s }
    inside { block = block "\n" $0; print
             if ($0 ~ /^}/) { inside = 0; n = split(to, t, " ")
               for (i = 1; i <= n; ++i) print "\n" clone(block, t[i]) }
             next }
    /^BOOST_AUTO_TEST_CASE/ && index($0, "( " name " ") { inside = 1; block = $0; found = 1; print; next }
    { print } END { if (!found) exit 1 }' "$file" > "$file.tmp" && mv "$file.tmp" "$file"
}

# --- the programs and their adaptations -------------------------------------------------------

declare -A not_applicable=(
  [numeric/order_quadrature_formula:ees25,ees27]="the program estimates a stepper's order as the largest p for which it integrates x' = (p+1) t^p exactly, which measures the quadrature (b, c) of the tableau; the EES tableaus integrate up to t^3 exactly (estimate 4) while the method's order is 2, so the estimate cannot equal order() (reversible_heun is added and runs)"
  [trivial_state:test_do_step:ees25,ees27]="with a scalar state the five-argument do_step(sys, x, t, x_out, dt) is the error form do_step(sys, x, t, dt, xerr) for the EES steppers, as for odeint's own error steppers, which that list leaves out too (reversible_heun is added there; ees25 and ees27 run in the program's error-stepper list)"
  [regression/regression_189]="it checks the step counts of rosenbrock4 and runge_kutta_dopri5 on a stiff problem (74 and 1531), numbers of those steppers; it iterates no stepper list"
)

programs=()
adapt() {  # adapt NAME: copies test/NAME.cpp to the build folder and adapts it
  local name=$1 src="$odeint/test/$1.cpp" out="$build/${1//\//_}.cpp"
  cp "$src" "$out" && chmod u+w "$out" && add_includes "$out" || return 1
  case $name in
    runge_kutta_concepts)
      raise_mpl_limit "$out" 50 &&
      insert_after "$out" "class stepper_methods1 : public mpl::vector<" \
        "    ees25< State , typename detail::extract_value_type<State>::type > ,\n    ees27< State , typename detail::extract_value_type<State>::type > ,\n    reversible_heun< State , typename detail::extract_value_type<State>::type > ," ;;
    runge_kutta_error_concepts)
      raise_mpl_limit "$out" 50 &&
      insert_after "$out" "class error_stepper_methods : public mpl::vector<" \
        "    ees25< State , typename detail::extract_value_type<State>::type > ,\n    ees27< State , typename detail::extract_value_type<State>::type > ," ;;
    runge_kutta_controlled_concepts)
      raise_mpl_limit "$out" 50 &&
      insert_after "$out" "class controlled_stepper_methods : public mpl::vector<" \
        "    controlled_runge_kutta< ees25< State , typename detail::extract_value_type<State>::type > > ,\n    controlled_runge_kutta< ees27< State , typename detail::extract_value_type<State>::type > > ," ;;
    integrate)
      raise_mpl_limit "$out" 30 &&
      insert_after "$out" "class stepper_methods : public mpl::vector<" \
        "    ees25< state_type > ,\n    ees27< state_type > ,\n    reversible_heun< state_type > ,\n    controlled_runge_kutta< ees25< state_type > > ,\n    controlled_runge_kutta< ees27< state_type > > ,\n    dense_output_runge_kutta< controlled_runge_kutta< ees25< state_type > > > ,\n    dense_output_runge_kutta< controlled_runge_kutta< ees27< state_type > > > ," ;;
    integrate_stepper_refs)
      raise_mpl_limit "$out" 30 &&
      insert_after "$out" "class stepper_methods : public mpl::vector<" \
        "    ees25< state_type > ,\n    ees27< state_type > ,\n    reversible_heun< state_type > ,\n    controlled_runge_kutta< ees25< state_type > > ,\n    dense_output_runge_kutta< controlled_runge_kutta< ees25< state_type > > > ," ;;
    integrate_times)
      # Each case names its steppers: a copy of each for the EES steppers (plain, controlled
      # and dense output) and for reversible_heun (plain).
      for c in test_integrate_times test_integrate_times_ranges test_integrate_times_overshoot; do
        clone_case "$out" $c "runge_kutta4|runge_kutta_dopri5|runge_kutta_cash_karp54" ees25 ees27 &&
        clone_case "$out" $c "runge_kutta4" reversible_heun || return 1
      done ;;
    stepper_with_units)
      # Each list is "class NAME : public mpl::vector", a line "<", the steppers.
      local u="< state_type , value_type , deriv_type , time_type >"
      insert_after_next "$out" "class stepper_types : public mpl::vector" \
        "    ees25$u ,\n    ees27$u ,\n    reversible_heun$u ," &&
      insert_after_next "$out" "class fsal_stepper_types : public mpl::vector" \
        "    ees25$u ,\n    ees27$u ," &&
      insert_after_next "$out" "class fsal_error_stepper_types : public mpl::vector" \
        "    ees25$u ,\n    ees27$u ," &&
      insert_after_next "$out" "class controlled_stepper_types : public mpl::vector" \
        "    controlled_runge_kutta< ees25$u > ,\n    controlled_runge_kutta< ees27$u > ," &&
      insert_after_next "$out" "class dense_output_stepper_types : public mpl::vector" \
        "    dense_output_runge_kutta< controlled_runge_kutta< ees25$u > > ,\n    dense_output_runge_kutta< controlled_runge_kutta< ees27$u > > ," ;;
    stepper_with_ranges)
      clone_case "$out" runge_kutta_dopri5_with_range_v1 runge_kutta_dopri5 ees25 ees27 reversible_heun &&
      clone_case "$out" runge_kutta_dopri5_with_range_v5 runge_kutta_dopri5 ees25 ees27 &&
      clone_case "$out" controlled_error_stepper_dopri5 runge_kutta_dopri5 ees25 ees27 &&
      clone_case "$out" dense_output_dopri5_with_ranges runge_kutta_dopri5 ees25 ees27 ;;
    resizing)
      local t="< test_array_type , double , test_array_type , double , range_algebra , default_operations ,"
      insert_before "$out" "typedef mpl::vector<" \
        "typedef ees25$t never_resizer > ees25_manual_type;\ntypedef ees25$t initially_resizer > ees25_initially_type;\ntypedef ees25$t always_resizer > ees25_always_type;\ntypedef ees27$t never_resizer > ees27_manual_type;\ntypedef ees27$t initially_resizer > ees27_initially_type;\ntypedef ees27$t always_resizer > ees27_always_type;\ntypedef reversible_heun$t never_resizer > rheun_manual_type;\ntypedef reversible_heun$t initially_resizer > rheun_initially_type;\ntypedef reversible_heun$t always_resizer > rheun_always_type;" &&
      raise_mpl_limit "$out" 20 &&
      # Buffers: ees25 3 stage derivatives + 2 stage states, ees27 4 + 3, reversible_heun 4.
      insert_after "$out" "typedef mpl::vector<" \
        "    mpl::vector< ees25_manual_type , mpl::int_<5> , mpl::int_<0> > ,\n    mpl::vector< ees25_initially_type , mpl::int_<5> , mpl::int_<1> > ,\n    mpl::vector< ees25_always_type , mpl::int_<5> , mpl::int_<3> > ,\n    mpl::vector< ees27_manual_type , mpl::int_<7> , mpl::int_<0> > ,\n    mpl::vector< ees27_initially_type , mpl::int_<7> , mpl::int_<1> > ,\n    mpl::vector< ees27_always_type , mpl::int_<7> , mpl::int_<3> > ,\n    mpl::vector< rheun_manual_type , mpl::int_<4> , mpl::int_<0> > ,\n    mpl::vector< rheun_initially_type , mpl::int_<4> , mpl::int_<1> > ,\n    mpl::vector< rheun_always_type , mpl::int_<4> , mpl::int_<3> > ," ;;
    std_array)
      clone_case "$out" test_case runge_kutta4 ees25 ees27 reversible_heun ;;
    trivial_state)
      insert_after "$out" "euler< double > ," "        reversible_heun< double > ," &&
      insert_after "$out" "runge_kutta_cash_karp54< double > ," \
        "    ees25< double > ,\n    ees27< double > ,\n    ees25< float , float , float , float > ," ;;
    regression/regression_147)
      insert_after "$out" "runge_kutta4< state_type > ," \
        "    ees25< state_type > ,\n    ees27< state_type > ,\n    reversible_heun< state_type > ," ;;
    regression/regression_149)
      insert_after "$out" "runge_kutta4< state_type > ," \
        "    ees25< state_type > ,\n    ees27< state_type > ,\n    reversible_heun< state_type > ," ;;
    regression/regression_168)
      clone_case "$out" regression_168 runge_kutta_dopri5 ees25 ees27 ;;
    integrate_overflow)
      insert_after "$out" "typedef runge_kutta_cash_karp54<state_type> cash_karp_type;" \
        "typedef ees25<state_type> ees25_type;\ntypedef ees27<state_type> ees27_type;" &&
      for c in test_integrate_const test_integrate_n_steps test_integrate_times; do
        clone_case "$out" $c "stepper_type|cash_karp_type" ees25_type ees27_type || return 1
      done ;;
    step_size_limitation)
      clone_case "$out" test_controlled "runge_kutta_dopri5|runge_kutta_cash_karp54" ees25 ees27 &&
      clone_case "$out" test_dense_out runge_kutta_dopri5 ees25 ees27 ;;
    numeric/order_quadrature_formula)
      insert_after "$out" "typedef mpl::vector<" "    reversible_heun< state_type > ," 1 ;;
    numeric/runge_kutta)
      insert_after "$out" "typedef mpl::vector<" \
        "    ees25< state_type > ,\n    ees27< state_type > ,\n    reversible_heun< state_type > ," 1 &&
      insert_after "$out" "typedef mpl::vector<" "    ees25< state_type > ,\n    ees27< state_type > ," 2 ;;
  esac
}

# The programs that exercise steppers (the rest test algebras, iterators on dummy steppers,
# or steppers of other kinds: symplectic, implicit, multistep).
selected=(runge_kutta_concepts runge_kutta_error_concepts runge_kutta_controlled_concepts
          integrate integrate_times integrate_stepper_refs stepper_with_units
          stepper_with_ranges resizing std_array trivial_state integrate_overflow
          step_size_limitation
          regression/regression_147 regression/regression_149 regression/regression_168
          numeric/runge_kutta numeric/order_quadrature_formula)
if [ -n "${ODEINT_CONFORMANCE_PROGRAMS:-}" ]; then
  read -ra selected <<< "$ODEINT_CONFORMANCE_PROGRAMS"
fi

start=$(date +%s)
failed=0
for name in "${selected[@]}"; do
  if adapt "$name"; then
    programs+=("$name")
  else
    echo "$name: fail (adaptation: an anchor of the script is not in the program any more)"
    failed=1
  fi
done

# Compile in parallel; each program's compiler output goes to its .log.
export cxx build
export flags_text="${flags[*]}" libs_text="${libs[*]}"
printf '%s\n' "${programs[@]}" | xargs -P "$jobs" -I{} bash -c '
  base=$(echo "{}" | tr / _)
  $cxx $flags_text "$build/$base.cpp" -o "$build/$base" $libs_text > "$build/$base.log" 2>&1 ||
    rm -f "$build/$base"'

for name in "${programs[@]}"; do
  base=${name//\//_}
  if [ ! -x "$build/$base" ]; then
    echo "$name: fail (does not compile; log: $build/$base.log)"
    failed=1
  elif (cd "$build" && timeout 300 "./$base" >> "$base.log" 2>&1); then
    echo "$name: pass"
  else
    echo "$name: fail (log: $build/$base.log)"
    failed=1
  fi
done
for name in "${!not_applicable[@]}"; do
  echo "$name: not applicable by design: ${not_applicable[$name]}"
done | sort
echo "odeint conformance: ${#programs[@]} programs with ees25, ees27 and reversible_heun added," \
     "odeint $( [ ${#odeint_include[@]} = 0 ] && echo "of the system Boost" || echo develop )," \
     "$(( $(date +%s) - start )) s"
exit $failed
