//! redmoon's VM against PUC-Rio Lua 5.1 (built from source by the `mlua` crate),
//! on the same workloads in the same run. Each workload in `benches/lua/` defines
//! a global `bench()` whose result is checked to be equal on both engines before
//! anything is timed, so a wrong answer cannot pass for a fast one.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

const WORKLOADS: &[(&str, &str)] = &[
    ("fib", include_str!("lua/fib.lua")),
    ("float_loops", include_str!("lua/float_loops.lua")),
    ("closures", include_str!("lua/closures.lua")),
    ("methods", include_str!("lua/methods.lua")),
    ("array", include_str!("lua/array.lua")),
    ("hash", include_str!("lua/hash.lua")),
    ("string_build", include_str!("lua/string_build.lua")),
    ("string_format", include_str!("lua/string_format.lua")),
    ("patterns", include_str!("lua/patterns.lua")),
    ("gsub_callbacks", include_str!("lua/gsub_callbacks.lua")),
    ("sort", include_str!("lua/sort.lua")),
    ("binary_trees", include_str!("lua/binary_trees.lua")),
    ("nbody", include_str!("lua/nbody.lua")),
    ("coroutines", include_str!("lua/coroutines.lua")),
    ("varargs", include_str!("lua/varargs.lua")),
];

/// PUC-Rio Lua 5.1 with a workload loaded.
fn puc(source: &str) -> (mlua::Lua, mlua::Function) {
    let lua = mlua::Lua::new();
    lua.load(source).exec().expect("workload loads in PUC Lua");
    let f: mlua::Function = lua.globals().get("bench").expect("bench()");
    (lua, f)
}

/// redmoon with the standard libraries and a workload loaded, or why it cannot run it yet.
fn redmoon(source: &str) -> Result<(lua_core::Lua, lua_core::Value), lua_core::Error> {
    let mut lua = lua_core::Lua::new();
    lua_stdlib::open_libs(&mut lua);
    lua.exec(source.as_bytes())?;
    let f = lua.get_global("bench");
    Ok((lua, f))
}

/// The number a workload returned, for the cross-check.
fn puc_number(v: &mlua::Value) -> Option<f64> {
    match v {
        mlua::Value::Number(n) => Some(*n),
        mlua::Value::Integer(n) => Some(*n as f64),
        _ => None,
    }
}

fn vm_benches(c: &mut Criterion) {
    for (name, source) in WORKLOADS {
        let (_puc_state, puc_bench) = puc(source);
        let expected = puc_number(&puc_bench.call(()).expect("bench() runs in PUC Lua"));
        let mut group = c.benchmark_group(*name);
        group.bench_function(BenchmarkId::new("puc-lua-5.1", name), |b| {
            b.iter(|| puc_bench.call::<mlua::Value>(()).expect("bench() runs"))
        });
        match redmoon(source).and_then(|(mut lua, f)| {
            let first = lua.call(f, &[])?;
            Ok((lua, f, first))
        }) {
            Ok((mut lua, f, first)) => {
                let got = match first.first() {
                    Some(lua_core::Value::Number(n)) => Some(*n),
                    _ => None,
                };
                assert_eq!(got, expected, "{name}: redmoon and PUC Lua disagree");
                group.bench_function(BenchmarkId::new("redmoon", name), |b| {
                    b.iter(|| lua.call(f, &[]).expect("bench() runs"))
                });
            }
            // Reported, not hidden: the workload needs a library redmoon lacks so far.
            Err(e) => eprintln!("{name}: redmoon cannot run it yet: {e}"),
        }
        group.finish();
    }
}

/// The cost of the instruction budget: the call-heavy and loop-heavy workloads with a
/// budget and a checkpoint hook installed (as the Redis host runs scripts) against
/// neither. The issue asks for at most 3% difference.
fn budget_benches(c: &mut Criterion) {
    for name in ["fib", "float_loops"] {
        let Some((_, source)) = WORKLOADS.iter().find(|(n, _)| *n == name) else {
            continue;
        };
        let mut group = c.benchmark_group(format!("budget_{name}"));
        for checked in [false, true] {
            let Ok((mut lua, f)) = redmoon(source) else {
                eprintln!("{name}: redmoon cannot run it yet");
                break;
            };
            if checked {
                lua.set_instruction_budget(Some(u64::MAX / 2));
                lua.set_hook(Some(Box::new(|| true)));
            }
            let label = if checked { "budget+hook" } else { "unchecked" };
            group.bench_function(BenchmarkId::new(label, name), |b| {
                b.iter(|| lua.call(f, &[]).expect("bench() runs"))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, vm_benches, budget_benches);
criterion_main!(benches);
