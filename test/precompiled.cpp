// An empty translation unit: it carries the precompiled header the tests reuse.
