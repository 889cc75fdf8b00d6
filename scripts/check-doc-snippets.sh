#!/usr/bin/env bash
# Compiles every ```cpp code block of README.md, doc/*.md and doc/results/*.md as written.
#
# A block is a whole translation unit unless the line just before its opening fence is an
# HTML comment (invisible on a rendered page) that says otherwise:
#
#   <!-- snippet: main, prelude=doc/snippets/ode.hpp -->
#       a fragment: its #include lines go to the top, after the prelude header, and the rest
#       becomes the body of `void snippet::run()`. The prelude defines `struct snippet`,
#       whose members are what the fragment uses (system, x, drift, ...): members hide
#       global names such as ::system inside run();
#   <!-- snippet: main -->            the same without a prelude;
#   <!-- snippet: continues -->       the fragment continues the previous block of the same
#                                      file (compiled together with it, inside one main()).
#
# Usage: scripts/check-doc-snippets.sh [files...]   (default: README.md doc/*.md doc/results/*.md)
# Environment: CXX (default g++), CXX_STANDARD (default 17), CXXFLAGS (added), SNIPPET_JOBS
# (compilations at a time; default: the number of processors).
set -euo pipefail
cd "$(dirname "$0")/.."
cxx=${CXX:-g++}
std=${CXX_STANDARD:-17}
jobs=${SNIPPET_JOBS:-$(nproc)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ $# -eq 0 ]; then set -- README.md doc/*.md doc/results/*.md; fi

# Fragments may leave a variable or parameter unused; every other warning is an error.
flags=(-std=c++"$std" -fsyntax-only -Wall -Wextra -Wpedantic -Werror
       -Wno-unused-variable -Wno-unused-parameter -Wno-unused-but-set-variable
       -I include -I boost_ext -I . ${CXXFLAGS:-})
# Eigen (the batched fields) where Debian puts it.
if [ -d /usr/include/eigen3 ]; then flags+=(-I /usr/include/eigen3); fi

blocks=0
failures=0

# Writes the program for one block to $work/<n>.cpp and compiles it.
compile_block() {
  local source=$1 line=$2 mode=$3 prelude=$4 includes=$5 body=$6
  local program=$work/block_$blocks.cpp
  {
    echo "// $source, block at line $line"
    if [ -n "$prelude" ]; then echo "#include \"$prelude\""; fi
    if [ "$mode" = whole ]; then
      cat "$body"
    else
      cat "$includes"
      if [ -n "$prelude" ]; then
        echo "void snippet::run()"
      else
        echo "int main()"
      fi
      echo "{"
      cat "$body"
      echo "}"
      if [ -n "$prelude" ]; then
        echo "int main() { snippet().run(); }"
      fi
    fi
  } > "$program"
  # Compiled in the background, $jobs at a time; the results are printed in order at the end.
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  local result=$work/result_$blocks
  (
    if "$cxx" "${flags[@]}" "$program" 2> "$result.errors"; then
      echo "ok      $source:$line" > "$result"
    else
      { echo "FAILED  $source:$line ($mode${prelude:+, prelude $prelude})"
        head -n 30 "$result.errors" | sed 's/^/    /'; } > "$result"
    fi
  ) &
}

for source in "$@"; do
  previous_comment=""
  in_block=0
  mode="" prelude="" start=0
  : > "$work/includes"; : > "$work/body"
  while IFS= read -r text || [ -n "$text" ]; do
    line_number=$(( ${line_number:-0} + 1 ))
    if [ $in_block -eq 0 ]; then
      if [[ $text == '```cpp'* ]]; then
        in_block=1
        start=$line_number
        blocks=$((blocks + 1))
        directive=""
        if [[ $previous_comment =~ \<!--\ *snippet:\ *(.*)--\> ]]; then
          directive=${BASH_REMATCH[1]}
        fi
        if [[ $directive == *continues* ]]; then
          :   # keep mode, prelude, includes and body of the previous block
        elif [[ $directive == *main* ]]; then
          mode=main
          prelude=""
          if [[ $directive =~ prelude=([^ ,]+) ]]; then prelude=${BASH_REMATCH[1]}; fi
          : > "$work/includes"; : > "$work/body"
        else
          mode=whole
          prelude=""
          : > "$work/includes"; : > "$work/body"
        fi
      fi
      previous_comment=$text
    else
      if [[ $text == '```'* ]]; then
        in_block=0
        compile_block "$source" "$start" "$mode" "$prelude" "$work/includes" "$work/body"
        previous_comment=""
      elif [ "$mode" = main ] && [[ $text =~ ^[[:space:]]*#[[:space:]]*include ]]; then
        echo "$text" >> "$work/includes"
      else
        echo "$text" >> "$work/body"
      fi
    fi
  done < "$source"
  unset line_number
done

wait
for ((n = 1; n <= blocks; ++n)); do
  cat "$work/result_$n"
  if grep -q '^FAILED' "$work/result_$n"; then failures=$((failures + 1)); fi
done
echo "$blocks code blocks, $failures failed ($cxx, C++$std)"
[ "$failures" -eq 0 ]
