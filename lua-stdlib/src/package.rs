//! `require`'s file search (loadlib.c `findfile`) and the default paths of
//! Debian's lua5.1, whose "module not found" messages users see.

/// `package.path` when `LUA_PATH` is not set.
pub const DEFAULT_PATH: &str = "./?.lua;/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua;\
/usr/local/lib/lua/5.1/?.lua;/usr/local/lib/lua/5.1/?/init.lua;/usr/share/lua/5.1/?.lua;/usr/share/lua/5.1/?/init.lua";

/// `package.cpath` when `LUA_CPATH` is not set. redmoon loads no C modules,
/// but searches these names so its messages are lua5.1's.
pub const DEFAULT_CPATH: &str =
    "./?.so;/usr/local/lib/lua/5.1/?.so;/usr/lib/x86_64-linux-gnu/lua/5.1/?.so;\
/usr/lib/lua/5.1/?.so;/usr/local/lib/lua/5.1/loadall.so";

/// `LUA_PATH`/`LUA_CPATH` as lua5.1 reads them: `;;` stands for the default path.
pub fn path_from_env(value: Option<&str>, default: &str) -> String {
    match value {
        None => default.to_string(),
        Some(v) => v.replace(";;", &format!(";{default};")),
    }
}

/// `findfile`: the first readable file among the templates of `path` (split at
/// `;`, `?` replaced by `name` with its dots made `/`). When none is, the
/// error lists them as lua5.1 does: `\n\tno file 'NAME'` for each.
pub fn search_path(name: &[u8], path: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
    let name: Vec<u8> = name
        .iter()
        .map(|&c| if c == b'.' { b'/' } else { c })
        .collect();
    let mut tried = Vec::new();
    for template in path.split(|&c| c == b';').filter(|t| !t.is_empty()) {
        let mut file = Vec::with_capacity(template.len() + name.len());
        for &c in template {
            if c == b'?' {
                file.extend_from_slice(&name);
            } else {
                file.push(c);
            }
        }
        if std::fs::File::open(String::from_utf8_lossy(&file).as_ref()).is_ok() {
            return Ok(file);
        }
        tried.extend_from_slice(b"\n\tno file '");
        tried.extend_from_slice(&file);
        tried.push(b'\'');
    }
    Err(tried)
}

/// `luaL_loadfile`: compiles the file at `path` (standard input when `None`),
/// skipping a first line that starts with `#`; the error is lua5.1's
/// (`cannot open NAME: REASON` or the syntax error).
pub fn load_file(s: &mut lua_core::State, path: Option<&[u8]>) -> Result<lua_core::Value, Vec<u8>> {
    use std::io::Read;
    let (read, chunk_name, shown) = match path {
        Some(p) => {
            let name = String::from_utf8_lossy(p).into_owned();
            let mut chunk = b"@".to_vec();
            chunk.extend_from_slice(p);
            (std::fs::read(&name), chunk, name)
        }
        None => {
            let mut buf = Vec::new();
            let r = std::io::stdin().read_to_end(&mut buf).map(|_| buf);
            (r, b"=stdin".to_vec(), "stdin".to_string())
        }
    };
    let src = read.map_err(|e| {
        let what = if e.kind() == std::io::ErrorKind::NotFound
            || e.kind() == std::io::ErrorKind::PermissionDenied
        {
            "open"
        } else {
            "read"
        };
        format!("cannot {what} {shown}: {}", crate::io::strerror(&e)).into_bytes()
    })?;
    let src = lua_core::compiler::skip_shebang(&src);
    crate::chunk::load(s, src, &chunk_name)
}

/// The `package` library (loadlib.c) and the file-loading parts of the base
/// library (`dofile`, `loadfile`).
mod natives {
    use std::rc::Rc;

    use lua_core::function::NativeClosure;
    use lua_core::value::TableRef;
    use lua_core::{LuaError, State, Value};

    use super::{load_file, path_from_env, search_path, DEFAULT_CPATH, DEFAULT_PATH};
    use crate::libtable::{get_field, loaded_table, set_field};

    /// Marks a module being loaded, to catch `require` loops.
    const LOADING: Value = Value::LightUserData(0x05e1_71e1);

    /// Opens `package`, `require`, `module`, `dofile` and `loadfile`.
    pub fn open(s: &mut State) {
        let package = s.heap.new_table(0, 8);
        let pv = Value::Table(package);
        let globals = s.globals;
        for (name, f) in [
            ("dofile", dofile as lua_core::function::NativeFn),
            ("loadfile", loadfile),
        ] {
            let v = s.native(name, f);
            set_field(s, globals, name, v);
        }
        let with_package = |s: &mut State, name: &'static str, f: lua_core::function::NativeFn| {
            let call: NativeClosure = Rc::new(f);
            s.native_closure(name, call, vec![pv])
        };
        let require = with_package(s, "require", require);
        set_field(s, globals, "require", require);
        let module = s.native("module", module);
        set_field(s, globals, "module", module);
        let seeall = s.native("seeall", seeall);
        set_field(s, package, "seeall", seeall);
        let loadlib = s.native("loadlib", loadlib);
        set_field(s, package, "loadlib", loadlib);

        let loaders = s.heap.new_table(4, 0);
        for (i, (name, f)) in [
            (
                "loader_preload",
                loader_preload as lua_core::function::NativeFn,
            ),
            ("loader_Lua", loader_lua),
            ("loader_C", loader_c),
            ("loader_Croot", loader_croot),
        ]
        .into_iter()
        .enumerate()
        {
            let v = with_package(s, name, f);
            s.heap.table_mut(loaders).set_int(i as i64 + 1, v);
        }
        set_field(s, package, "loaders", Value::Table(loaders));
        let env = |k: &str| std::env::var(k).ok();
        let path = path_from_env(env("LUA_PATH").as_deref(), DEFAULT_PATH);
        let cpath = path_from_env(env("LUA_CPATH").as_deref(), DEFAULT_CPATH);
        for (name, text) in [
            ("path", path.as_str()),
            ("cpath", cpath.as_str()),
            ("config", "/\n;\n?\n!\n-"),
        ] {
            let v = s.str_value(text.as_bytes());
            set_field(s, package, name, v);
        }
        let loaded = loaded_table(s);
        set_field(s, package, "loaded", Value::Table(loaded));
        let preload = s.heap.new_table(0, 0);
        set_field(s, package, "preload", Value::Table(preload));
        set_field(s, loaded, "package", pv);
        set_field(s, globals, "package", pv);
    }

    /// A load error as a Lua error value (no position, as `lua_error` raises it).
    fn raise(s: &mut State, msg: &[u8]) -> LuaError {
        LuaError::Runtime(s.str_value(msg))
    }

    fn optional_path(s: &mut State) -> Result<Option<Vec<u8>>, LuaError> {
        match s.arg(1) {
            Value::Nil => Ok(None),
            _ => Ok(Some(s.check_string(1)?)),
        }
    }

    fn dofile(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let path = optional_path(s)?;
        let f = match load_file(s, path.as_deref()) {
            Ok(f) => f,
            Err(msg) => return Err(raise(s, &msg)),
        };
        let at = s.top;
        s.push(f);
        s.call(at, 0, -1)?;
        Ok(s.top - at)
    }

    fn loadfile(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let path = optional_path(s)?;
        match load_file(s, path.as_deref()) {
            Ok(f) => {
                s.push(f);
                Ok(1)
            }
            Err(msg) => {
                s.push(Value::Nil);
                let m = s.str_value(&msg);
                s.push(m);
                Ok(2)
            }
        }
    }

    /// The `package` table the running native closes over.
    fn package(s: &mut State) -> Result<TableRef, LuaError> {
        match s.closure_upvalue(0) {
            Value::Table(t) => Ok(t),
            _ => Err(s.rt_error("'package' table missing")),
        }
    }

    /// Calls `f(arg)` keeping one result, with everything on the stack.
    fn call1(s: &mut State, f: Value, arg: Value) -> Result<Value, LuaError> {
        let at = s.top;
        s.push(f);
        s.push(arg);
        s.call(at, 1, 1)?;
        s.top = at;
        Ok(s.stack[at])
    }

    fn require(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let name = s.check_string(1)?;
        let shown = String::from_utf8_lossy(&name).into_owned();
        let key = s.str_value(&name);
        let loaded = loaded_table(s);
        let current = s.heap.table(loaded).get(key);
        if current.truthy() {
            if current.raw_eq(LOADING) {
                return Err(s.rt_error(&format!("loop or previous error loading module '{shown}'")));
            }
            s.push(current);
            return Ok(1);
        }
        let package = package(s)?;
        let Value::Table(loaders) = get_field(s, package, "loaders") else {
            return Err(s.rt_error("'package.loaders' must be a table"));
        };
        let mut not_found = Vec::new();
        let loader = {
            let mut i = 1;
            loop {
                let l = s.heap.table(loaders).get_int(i);
                if matches!(l, Value::Nil) {
                    let msg = format!(
                        "module '{shown}' not found:{}",
                        String::from_utf8_lossy(&not_found)
                    );
                    return Err(s.rt_error(&msg));
                }
                match call1(s, l, key)? {
                    f @ Value::Function(_) => break f,
                    Value::String(m) => not_found.extend_from_slice(s.heap.str(m)),
                    Value::Number(x) => {
                        not_found.extend_from_slice(lua_core::number::fmt_number(x).as_bytes())
                    }
                    _ => {}
                }
                i += 1;
            }
        };
        let _ = s.heap.table_mut(loaded).set(key, LOADING);
        let result = call1(s, loader, key)?;
        if !matches!(result, Value::Nil) {
            let _ = s.heap.table_mut(loaded).set(key, result);
        }
        let mut value = s.heap.table(loaded).get(key);
        if value.raw_eq(LOADING) {
            value = Value::Boolean(true);
            let _ = s.heap.table_mut(loaded).set(key, value);
        }
        s.push(value);
        Ok(1)
    }

    fn loader_preload(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let name = s.check_string(1)?;
        let package = package(s)?;
        let Value::Table(preload) = get_field(s, package, "preload") else {
            return Err(s.rt_error("'package.preload' must be a table"));
        };
        let key = s.str_value(&name);
        let v = match s.heap.table(preload).get(key) {
            Value::Nil => {
                let mut msg = b"\n\tno field package.preload['".to_vec();
                msg.extend_from_slice(&name);
                msg.extend_from_slice(b"']");
                s.str_value(&msg)
            }
            v => v,
        };
        s.push(v);
        Ok(1)
    }

    /// `findfile`: the file for `name` along `package[which]`, or the list of
    /// files tried (pushed as the loader's result by the caller).
    fn find_file(
        s: &mut State,
        name: &[u8],
        which: &str,
    ) -> Result<Result<Vec<u8>, Vec<u8>>, LuaError> {
        let package = package(s)?;
        let path = match get_field(s, package, which) {
            Value::String(p) => s.heap.str(p).to_vec(),
            Value::Number(x) => lua_core::number::fmt_number(x).into_bytes(),
            _ => return Err(s.rt_error(&format!("'package.{which}' must be a string"))),
        };
        Ok(search_path(name, &path))
    }

    /// `loaderror`.
    fn load_error(s: &mut State, name: &[u8], file: &[u8], msg: &[u8]) -> LuaError {
        let text = format!(
            "error loading module '{}' from file '{}':\n\t{}",
            String::from_utf8_lossy(name),
            String::from_utf8_lossy(file),
            String::from_utf8_lossy(msg)
        );
        s.rt_error(&text)
    }

    fn push_str(s: &mut State, bytes: &[u8]) -> usize {
        let v = s.str_value(bytes);
        s.push(v);
        1
    }

    fn loader_lua(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let name = s.check_string(1)?;
        match find_file(s, &name, "path")? {
            Err(tried) => Ok(push_str(s, &tried)),
            Ok(file) => match load_file(s, Some(&file)) {
                Ok(f) => {
                    s.push(f);
                    Ok(1)
                }
                Err(msg) => Err(load_error(s, &name, &file, &msg)),
            },
        }
    }

    /// What loading a C library says in a build without dynamic libraries.
    const NO_DYNAMIC_LIBRARIES: &[u8] =
        b"dynamic libraries not enabled; check your Lua installation";

    fn loader_c(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let name = s.check_string(1)?;
        match find_file(s, &name, "cpath")? {
            Err(tried) => Ok(push_str(s, &tried)),
            Ok(file) => Err(load_error(s, &name, &file, NO_DYNAMIC_LIBRARIES)),
        }
    }

    fn loader_croot(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let name = s.check_string(1)?;
        let Some(dot) = name.iter().position(|&c| c == b'.') else {
            return Ok(0);
        };
        match find_file(s, &name[..dot], "cpath")? {
            Err(tried) => Ok(push_str(s, &tried)),
            Ok(file) => Err(load_error(s, &name, &file, NO_DYNAMIC_LIBRARIES)),
        }
    }

    fn loadlib(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        s.check_string(1)?;
        s.check_string(2)?;
        s.push(Value::Nil);
        push_str(s, NO_DYNAMIC_LIBRARIES);
        push_str(s, b"absent");
        Ok(3)
    }

    fn seeall(s: &mut State, _n: usize) -> Result<usize, LuaError> {
        let t = s.check_table(1)?;
        let mt = match s.heap.table(t).metatable {
            Some(mt) => mt,
            None => {
                let mt = s.heap.new_table(0, 1);
                s.heap.table_mut(t).metatable = Some(mt);
                mt
            }
        };
        let globals = s.globals;
        set_field(s, mt, "__index", Value::Table(globals));
        Ok(0)
    }

    /// `luaL_findtable(globals, name)`: the table at the dotted `name`,
    /// creating missing levels; `None` when a level holds a non-table.
    fn find_table(s: &mut State, name: &[u8]) -> Result<Option<TableRef>, LuaError> {
        let mut t = s.globals;
        for part in name.split(|&c| c == b'.') {
            let k = s.str_value(part);
            t = match s.heap.table(t).get(k) {
                Value::Table(next) => next,
                Value::Nil => {
                    let next = s.heap.new_table(0, 1);
                    s.set_index(Value::Table(t), k, Value::Table(next), None)?;
                    next
                }
                _ => return Ok(None),
            };
        }
        Ok(Some(t))
    }

    fn module(s: &mut State, n: usize) -> Result<usize, LuaError> {
        let name = s.check_string(1)?;
        let shown = String::from_utf8_lossy(&name).into_owned();
        let key = s.str_value(&name);
        let loaded = loaded_table(s);
        let m = match s.heap.table(loaded).get(key) {
            Value::Table(m) => m,
            _ => {
                let Some(m) = find_table(s, &name)? else {
                    return Err(s.rt_error(&format!("name conflict for module '{shown}'")));
                };
                let _ = s.heap.table_mut(loaded).set(key, Value::Table(m));
                m
            }
        };
        if matches!(get_field(s, m, "_NAME"), Value::Nil) {
            set_field(s, m, "_M", Value::Table(m));
            set_field(s, m, "_NAME", key);
            let package_end = name.iter().rposition(|&c| c == b'.').map_or(0, |d| d + 1);
            let p = s.str_value(&name[..package_end]);
            set_field(s, m, "_PACKAGE", p);
        }
        let caller = s.frames.len().checked_sub(2).and_then(|fi| {
            let f = &s.frames[fi];
            s.frame_proto(fi)?;
            match s.stack[f.func] {
                Value::Function(func) => Some(func),
                _ => None,
            }
        });
        let Some(caller) = caller else {
            return Err(s.rt_error("'module' not called from a Lua function"));
        };
        s.heap.function_mut(caller).set_env(m);
        for i in 2..=n {
            let option = s.arg(i);
            let at = s.top;
            s.push(option);
            s.push(Value::Table(m));
            s.call(at, 1, 0)?;
            s.top = at;
        }
        Ok(0)
    }
}

pub use natives::open;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_lists_every_template_as_lua51() {
        let err =
            search_path(b"no.such.mod", b";;./?.x;/nonexistent/?/init.lua;").expect_err("found");
        assert_eq!(
            String::from_utf8_lossy(&err),
            "\n\tno file './no/such/mod.x'\n\tno file '/nonexistent/no/such/mod/init.lua'"
        );
        assert_eq!(
            String::from_utf8_lossy(&search_path(b"zz2", b"5").expect_err("found")),
            "\n\tno file '5'"
        );
    }

    #[test]
    fn search_finds_a_readable_file() {
        let dir = std::env::temp_dir().join(format!("redmoon-pkg-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("a")).expect("dir");
        std::fs::write(dir.join("a/b.lua"), "return 1").expect("write");
        let path = format!("/nonexistent/?.lua;{}/?.lua", dir.display());
        let found = search_path(b"a.b", path.as_bytes()).expect("not found");
        assert_eq!(found, format!("{}/a/b.lua", dir.display()).into_bytes());
    }

    #[test]
    fn env_paths_expand_double_semicolons() {
        assert_eq!(path_from_env(None, "D"), "D");
        assert_eq!(path_from_env(Some("x;;y"), "D"), "x;D;y");
        assert_eq!(path_from_env(Some("x"), "D"), "x");
    }
}
