//! Prototype fields the runtime relies on that a luac listing does not
//! show in full: the vararg flag bits, the source, line ranges.

use lua_core::compiler::compile;
use lua_core::proto::{Proto, VARARG_HASARG, VARARG_ISVARARG, VARARG_NEEDSARG};

fn child(p: &Proto, i: usize) -> &Proto {
    &p.protos[i]
}

#[test]
fn vararg_flags_as_lua51_with_compat_vararg() {
    let p = compile(
        b"local function a(...) end\n\
          local function b(x, ...) return ... end\n\
          local function c() end\n\
          local function d(...) return arg end",
        b"=t",
    )
    .expect("compiles");
    // The main chunk is always vararg, without `arg`.
    assert_eq!(p.is_vararg, VARARG_ISVARARG);
    // `...` unused: the function gets the `arg` table.
    assert_eq!(
        child(&p, 0).is_vararg,
        VARARG_HASARG | VARARG_ISVARARG | VARARG_NEEDSARG
    );
    // `...` used: no `arg` table is built, but the local still exists.
    assert_eq!(child(&p, 1).is_vararg, VARARG_HASARG | VARARG_ISVARARG);
    assert_eq!(child(&p, 1).num_params, 1);
    assert_eq!(&*child(&p, 1).local_vars[1].name, b"arg");
    assert_eq!(child(&p, 2).is_vararg, 0);
    assert_eq!(
        child(&p, 3).is_vararg,
        VARARG_HASARG | VARARG_ISVARARG | VARARG_NEEDSARG
    );
}

#[test]
fn sources_lines_and_upvalues() {
    let p = compile(
        b"local up = 1\nfunction f(a)\n  return function()\n    return up, a\n  end\nend\n",
        b"@file.lua",
    )
    .expect("compiles");
    assert_eq!(&*p.source, b"@file.lua");
    assert_eq!((p.line_defined, p.last_line_defined), (0, 0));
    let f = child(&p, 0);
    assert_eq!(&*f.source, b"@file.lua");
    assert_eq!((f.line_defined, f.last_line_defined), (2, 6));
    assert_eq!(f.num_upvalues, 1);
    let g = child(f, 0);
    assert_eq!((g.line_defined, g.last_line_defined), (3, 5));
    let names: Vec<&[u8]> = g.upvalue_names.iter().map(|n| &**n).collect();
    assert_eq!(names, [b"up".as_slice(), b"a"]);
    assert_eq!(g.num_upvalues, 2);
    assert_eq!(p.code.len(), p.line_info.len());
    assert_eq!(p.line_info.last(), Some(&6));
}
