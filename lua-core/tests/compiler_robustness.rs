//! The compiler on hostile input: it never panics and never overflows the
//! Rust stack, and it enforces lua5.1's limits with lua5.1's messages.

use std::path::Path;

use lua_core::compiler::{compile, compile_at_depth};
use lua_core::opcode::{get_c, get_op, OpCode};

/// xorshift64*: a small deterministic generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "local ",
    "function ",
    "end ",
    "if ",
    "then ",
    "else ",
    "elseif ",
    "while ",
    "do ",
    "for ",
    "in ",
    "repeat ",
    "until ",
    "return ",
    "break ",
    "and ",
    "or ",
    "not ",
    "nil ",
    "true ",
    "false ",
    "... ",
    "..",
    "=",
    "==",
    "~=",
    "<=",
    ">=",
    "<",
    ">",
    "+",
    "-",
    "*",
    "/",
    "%",
    "^",
    "#",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ";",
    ":",
    ",",
    ".",
    "x",
    "y",
    "f",
    "t",
    "1",
    "0x1f",
    "1e5",
    "'s'",
    "\"q\\n\"",
    "[[long]]",
    "[==[",
    "]==]",
    "--",
    "--[[",
    "]]",
    "\n",
    "\r",
    " ",
    "\\",
    "\"",
    "'",
    "9x",
    "\0",
    "\u{ff}",
];

fn corpus() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/listings");
    let mut sources: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .expect("listings directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "lua"))
        .filter_map(|p| std::fs::read(p).ok())
        .collect();
    sources.sort();
    sources
}

fn mutate(rng: &mut Rng, src: &[u8]) -> Vec<u8> {
    let mut out = src.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = if out.is_empty() {
            0
        } else {
            rng.below(out.len() + 1)
        };
        match rng.below(5) {
            0 if at < out.len() => out[at] = rng.next() as u8,
            1 if at < out.len() => {
                let end = (at + 1 + rng.below(8)).min(out.len());
                out.drain(at..end);
            }
            2 => {
                let frag = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes();
                out.splice(at..at, frag.iter().copied());
            }
            3 => out.truncate(at),
            _ => {
                if at < out.len() {
                    let end = (at + 1 + rng.below(16)).min(out.len());
                    let piece = out[at..end].to_vec();
                    out.splice(at..at, piece);
                }
            }
        }
    }
    out
}

#[test]
fn never_panics_on_random_or_mutated_input() {
    let corpus = corpus();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut compiled = 0;
    let mut rejected = 0;
    for round in 0..6000 {
        let input: Vec<u8> = match round % 3 {
            0 => (0..rng.below(64)).map(|_| rng.next() as u8).collect(),
            1 => (0..rng.below(40))
                .flat_map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())].bytes())
                .collect(),
            _ => {
                let pick = rng.below(corpus.len());
                mutate(&mut rng, &corpus[pick])
            }
        };
        match compile(&input, b"=fuzz") {
            Ok(p) => {
                assert_eq!(p.code.len(), p.line_info.len());
                compiled += 1;
            }
            Err(e) => {
                assert!(e.message.starts_with(b"fuzz:"), "{e}");
                rejected += 1;
            }
        }
    }
    // The generator must exercise both outcomes to mean anything.
    assert!(
        compiled > 300 && rejected > 300,
        "{compiled} compiled, {rejected} rejected"
    );
}

fn levels_error(source: &[u8]) {
    let e = compile(source, b"=deep").expect_err("too deep");
    assert_eq!(e.to_string(), "deep:1: chunk has too many syntax levels");
}

/// Runs `f` on a thread with 1 MiB of stack: the deepest nesting the
/// limit allows must fit, even in a debug build.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic");
}

#[test]
fn deepest_accepted_nesting_fits_a_small_stack() {
    on_small_stack(|| {
        let n = 190;
        let nest = |open: &[u8], inner: &[u8], close: &[u8]| {
            [
                b"return ".as_slice(),
                &open.repeat(n),
                inner,
                &close.repeat(n),
            ]
            .concat()
        };
        for source in [
            nest(b"(", b"1", b")"),
            nest(b"{", b"", b"}"),
            nest(b"f(", b"", b")"),
            nest(b"a[", b"1", b"]"),
            nest(b"- ", b"1", b""),
            nest(b"{a=", b"1", b"}"),
            [b"do ".repeat(n), b"end ".repeat(n)].concat(),
            [b"if x then ".repeat(n), b"end ".repeat(n)].concat(),
            [b"local function f() ".repeat(n / 2), b"end ".repeat(n / 2)].concat(),
        ] {
            if let Err(e) = compile(&source, b"=deep") {
                panic!("{e}");
            }
        }
    });
}

#[test]
fn a_million_nested_constructs_are_a_clean_error() {
    on_small_stack(a_million_nested);
}

fn a_million_nested() {
    let n = 1_000_000;
    levels_error(&[b"x = ".as_slice(), &b"(".repeat(n)].concat());
    levels_error(&[b"x = ".as_slice(), &b"{".repeat(n)].concat());
    levels_error(&b"do ".repeat(n));
    levels_error(&[b"x = ".as_slice(), &b"- ".repeat(n), b"1"].concat());
    levels_error(&[b"x = ".as_slice(), &b"not ".repeat(n), b"1"].concat());
    levels_error(&[b"x = ".as_slice(), &b"function() return ".repeat(n)].concat());
    levels_error(&[b"x = ".as_slice(), &b"a .. ".repeat(n), b"a"].concat());
    levels_error(&[b"x = ".as_slice(), &b"2 ^ ".repeat(n), b"2"].concat());
    levels_error(&b"while 1 do if x then repeat ".repeat(n));
}

#[test]
fn long_flat_chains_compile() {
    let fields = [b"x = a".as_slice(), &b".b".repeat(100_000)].concat();
    assert_eq!(
        compile(&fields, b"=chain").expect("fields").code.len(),
        100_003
    );
    let calls = [b"f".as_slice(), &b"()".repeat(10_000)].concat();
    assert!(compile(&calls, b"=chain").is_ok());
    let sum = [b"return 1".as_slice(), &b" + 1".repeat(100_000)].concat();
    let p = compile(&sum, b"=chain").expect("sum");
    assert_eq!(
        p.constants,
        vec![lua_core::proto::Constant::Number(100_001.0)]
    );
}

#[test]
fn nesting_limit_counts_the_callers_depth() {
    // 196 parentheses: the deepest `return (...)` loadstring accepts in lua5.1.
    let nested = |n: usize| {
        [
            b"return ".as_slice(),
            &b"(".repeat(n),
            b"1",
            &b")".repeat(n),
        ]
        .concat()
    };
    assert!(compile(&nested(196), b"=d").is_ok());
    assert!(compile(&nested(197), b"=d").is_err());
    // A file run by lua5.1 is one level shallower (luac5.1 -p agrees).
    assert!(compile_at_depth(&nested(197), b"=d", 1).is_ok());
    assert!(compile_at_depth(&nested(198), b"=d", 1).is_err());
}

#[test]
fn constant_table_overflow() {
    let source: String = (1..=262_150).map(|i| format!("x={i} ")).collect();
    let e = compile(source.as_bytes(), b"=k").expect_err("too many constants");
    assert_eq!(e.to_string(), "constant table overflow");
}

#[test]
fn too_many_local_variable_records() {
    let e = compile("do local a end ".repeat(32_768).as_bytes(), b"=l").expect_err("too many");
    assert_eq!(e.to_string(), "too many local variables");
    assert!(compile("do local a end ".repeat(32_767).as_bytes(), b"=l").is_ok());
}

#[test]
fn setlist_past_511_batches_takes_an_extra_word() {
    let items = vec!["1"; 25_600].join(",");
    let p = compile(format!("return {{{items}}}").as_bytes(), b"=t").expect("table");
    let setlists: Vec<usize> = (0..p.code.len())
        .filter(|&pc| get_op(p.code[pc]) == OpCode::SetList)
        .collect();
    assert_eq!(setlists.len(), 512);
    let last = *setlists.last().expect("setlist");
    assert_eq!(get_c(p.code[last]), 0);
    assert_eq!(p.code[last + 1], 512);
}

#[test]
fn chunk_names_stop_at_nul_as_c_strings_do() {
    let p = compile(b"return", b"@a.lua\0junk").expect("compiles");
    assert_eq!(&*p.source, b"@a.lua");
    let e = compile(b"x = = 1", b"=name\0junk").expect_err("error");
    assert_eq!(e.to_string(), "name:1: unexpected symbol near '='");
}
