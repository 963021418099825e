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
