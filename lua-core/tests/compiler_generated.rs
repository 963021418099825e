//! Randomly generated valid programs must compile, and to well-formed
//! bytecode: operands in range, jumps inside the function, locals' ranges
//! inside the code. (Programs from this kind of generator were compared
//! with luac5.1's listings by the thousand while the compiler was written.)

use lua_core::compiler::compile;
use lua_core::opcode::{
    get_a, get_b, get_bx, get_c, get_op, get_sbx, index_k, is_k, OpCode, MAXSTACK,
};
use lua_core::proto::Proto;

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

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Generates programs whose names resolve to locals in scope, upvalues or
/// globals, with `...` only in vararg functions and `break` only in loops.
struct Generator {
    rng: Rng,
    scopes: Vec<Vec<String>>,
    names: usize,
    depth: usize,
    in_loop: bool,
    vararg: bool,
}

impl Generator {
    fn name(&mut self) -> String {
        self.names += 1;
        format!("v{}", self.names)
    }

    fn var(&mut self) -> String {
        let locals: Vec<&String> = self.scopes.iter().flatten().collect();
        if !locals.is_empty() && self.rng.chance(70) {
            return locals[self.rng.below(locals.len())].clone();
        }
        self.rng.pick(&["g", "h", "print", "t"]).to_string()
    }

    fn atom(&mut self, d: usize) -> String {
        match self.rng.below(12) {
            0 => self.rng.pick(&["nil", "true", "false"]).into(),
            1 => format!("{}", self.rng.below(1000)),
            2 => self
                .rng
                .pick(&["0.5", "1e300", "0x7f", "1/0", "2^53"])
                .into(),
            3 => format!("\"s{}\"", self.rng.below(400)),
            4 if self.vararg => "...".into(),
            5 if d < 3 => self.table(d + 1),
            6 if self.depth < 3 => self.function(),
            7 => self.call(d + 1),
            8 => format!("{}.{}", self.var(), self.rng.pick(&["a", "b"])),
            9 => format!("{}[ {} ]", self.var(), self.exp(d + 1)),
            10 => format!("({})", self.exp(d + 1)),
            _ => self.var(),
        }
    }

    fn exp(&mut self, d: usize) -> String {
        if d > 3 || self.rng.chance(45) {
            return self.atom(d);
        }
        if self.rng.chance(25) {
            let op = self.rng.pick(&["- ", "not ", "#"]);
            return format!("{op}{}", self.exp(d + 1));
        }
        let op = self.rng.pick(&[
            "+", "-", "*", "/", "%", "^", "..", "==", "~=", "<", "<=", ">", ">=", "and", "or",
        ]);
        format!("{} {op} {}", self.exp(d + 1), self.exp(d + 1))
    }

    fn explist(&mut self, d: usize) -> String {
        let n = 1 + self.rng.below(3);
        (0..n).map(|_| self.exp(d)).collect::<Vec<_>>().join(", ")
    }

    fn table(&mut self, d: usize) -> String {
        let n = if d == 1 && self.rng.chance(10) {
            40 + self.rng.below(80)
        } else {
            self.rng.below(5)
        };
        let items: Vec<String> = (0..n)
            .map(|_| match self.rng.below(3) {
                0 => self.exp(3),
                1 => format!("{} = {}", self.rng.pick(&["a", "b", "k"]), self.exp(3)),
                _ => format!("[ {} ] = {}", self.exp(3), self.exp(3)),
            })
            .collect();
        let sep = self.rng.pick(&[", ", "; "]);
        format!("{{{}}}", items.join(sep))
    }

    fn call(&mut self, d: usize) -> String {
        let f = self.var();
        match self.rng.below(4) {
            0 => format!("{f}({})", self.explist(d + 1)),
            1 => format!("{f}:m({})", self.explist(d + 1)),
            2 => format!("{f} \"str\""),
            _ => format!("{f} {}", self.table(d + 1)),
        }
    }

    fn function(&mut self) -> String {
        let params: Vec<String> = (0..self.rng.below(3)).map(|_| self.name()).collect();
        let vararg = self.rng.chance(30);
        let saved = (self.scopes.clone(), self.in_loop, self.vararg);
        self.scopes.push(params.clone());
        self.in_loop = false;
        self.vararg = vararg;
        self.depth += 1;
        let n = self.rng.below(4);
        let body = self.block(n);
        self.depth -= 1;
        (self.scopes, self.in_loop, self.vararg) = saved;
        let mut plist = params;
        if vararg {
            plist.push("...".into());
        }
        format!("function({})\n{body}end", plist.join(", "))
    }

    fn block(&mut self, n: usize) -> String {
        self.scopes.push(Vec::new());
        let mut out = String::new();
        for _ in 0..n {
            out += &self.statement();
            out.push('\n');
        }
        if self.rng.chance(20) {
            out += &format!("return {}\n", self.explist(0));
        } else if self.in_loop && self.rng.chance(20) {
            out += "break\n";
        }
        self.scopes.pop();
        out
    }

    fn statement(&mut self) -> String {
        let kinds = if self.depth < 4 { 12 } else { 5 };
        match self.rng.below(kinds) {
            0 => {
                let names: Vec<String> = (0..1 + self.rng.below(3)).map(|_| self.name()).collect();
                let init = if self.rng.chance(80) {
                    format!(" = {}", self.explist(0))
                } else {
                    String::new()
                };
                self.scopes
                    .last_mut()
                    .into_iter()
                    .for_each(|s| s.extend(names.clone()));
                format!("local {}{init}", names.join(", "))
            }
            1 => {
                let targets: Vec<String> = (0..1 + self.rng.below(3))
                    .map(|_| match self.rng.below(3) {
                        0 => self.var(),
                        1 => format!("{}.a", self.var()),
                        _ => format!("{}[ {} ]", self.var(), self.exp(2)),
                    })
                    .collect();
                format!("{} = {}", targets.join(", "), self.explist(0))
            }
            2 | 3 => self.call(0),
            4 => {
                let name = self.name();
                self.scopes
                    .last_mut()
                    .into_iter()
                    .for_each(|s| s.push(name.clone()));
                let f = self.function();
                format!("local function {name}{}", &f["function".len()..])
            }
            kind => {
                self.depth += 1;
                let was_loop = self.in_loop;
                let s = match kind {
                    5 => {
                        let n = 1 + self.rng.below(3);
                        format!("do\n{}end", self.block(n))
                    }
                    6 => {
                        let mut s = format!("if {} then\n{}", self.exp(0), self.block(2));
                        if self.rng.chance(50) {
                            s += &format!("elseif {} then\n{}", self.exp(0), self.block(1));
                        }
                        if self.rng.chance(50) {
                            s += &format!("else\n{}", self.block(1));
                        }
                        s + "end"
                    }
                    7 => {
                        self.in_loop = true;
                        format!("while {} do\n{}end", self.exp(0), self.block(2))
                    }
                    8 => {
                        self.in_loop = true;
                        let body = self.block(2);
                        format!("repeat\n{body}until {}", self.exp(0))
                    }
                    9 => {
                        self.in_loop = true;
                        let v = self.name();
                        self.scopes.push(vec![v.clone()]);
                        let body = self.block(2);
                        self.scopes.pop();
                        format!("for {v} = {}, {} do\n{body}end", self.exp(2), self.exp(2))
                    }
                    _ => {
                        self.in_loop = true;
                        let vars: Vec<String> =
                            (0..1 + self.rng.below(3)).map(|_| self.name()).collect();
                        let list = self.explist(0);
                        self.scopes.push(vars.clone());
                        let body = self.block(2);
                        self.scopes.pop();
                        format!("for {} in {list} do\n{body}end", vars.join(", "))
                    }
                };
                self.in_loop = was_loop;
                self.depth -= 1;
                s
            }
        }
    }
}

/// Checks the invariants every function luac5.1 emits satisfies.
fn check_well_formed(p: &Proto) {
    let n = p.code.len();
    assert_eq!(p.line_info.len(), n);
    assert!(u32::from(p.max_stack_size) <= MAXSTACK);
    assert_eq!(usize::from(p.num_upvalues), p.upvalue_names.len());
    assert_eq!(get_op(p.code[n - 1]), OpCode::Return, "ends with RETURN");
    let regs = u32::from(p.max_stack_size);
    let rk_ok = |x: u32| {
        if is_k(x) {
            (index_k(x) as usize) < p.constants.len()
        } else {
            x < regs
        }
    };
    let mut pc = 0;
    while pc < n {
        let i = p.code[pc];
        let op = get_op(i);
        assert!(
            get_a(i) < regs || matches!(op, OpCode::Jmp),
            "A of {op:?} at {pc}"
        );
        match op {
            OpCode::Jmp | OpCode::ForLoop | OpCode::ForPrep => {
                let target = pc as i64 + 1 + i64::from(get_sbx(i));
                assert!((0..n as i64).contains(&target), "jump at {pc} to {target}");
            }
            OpCode::LoadK | OpCode::GetGlobal | OpCode::SetGlobal => {
                assert!((get_bx(i) as usize) < p.constants.len())
            }
            OpCode::Closure => assert!((get_bx(i) as usize) < p.protos.len()),
            OpCode::GetUpval | OpCode::SetUpval => assert!(get_b(i) < u32::from(p.num_upvalues)),
            OpCode::GetTable | OpCode::SelfOp => assert!(rk_ok(get_c(i))),
            OpCode::SetTable
            | OpCode::Add
            | OpCode::Sub
            | OpCode::Mul
            | OpCode::Div
            | OpCode::Mod
            | OpCode::Pow
            | OpCode::Eq
            | OpCode::Lt
            | OpCode::Le => assert!(rk_ok(get_b(i)) && rk_ok(get_c(i)), "{op:?} at {pc}"),
            OpCode::SetList if get_c(i) == 0 => pc += 1,
            _ => {}
        }
        pc += 1;
    }
    for v in &p.local_vars {
        assert!(v.start_pc <= v.end_pc && v.end_pc as usize <= n);
    }
    p.protos.iter().for_each(|f| check_well_formed(f));
}

#[test]
fn generated_programs_compile_to_well_formed_bytecode() {
    let mut g = Generator {
        rng: Rng(0x5eed_1234_abcd_ef01),
        scopes: vec![Vec::new()],
        names: 0,
        depth: 0,
        in_loop: false,
        vararg: true,
    };
    for round in 0..300 {
        g.scopes = vec![Vec::new()];
        let mut source = String::new();
        if round % 2 == 1 {
            // Push later constants past the 256 an RK operand can name.
            let ks: Vec<String> = (0..260).map(|i| format!("\"k{i}\"")).collect();
            source = format!("local _k = {{{}}}\n", ks.join(", "));
        }
        let n = 3 + g.rng.below(9);
        source += &g.block(n);
        match compile(source.as_bytes(), b"=gen") {
            Ok(p) => check_well_formed(&p),
            Err(e) => panic!("{e}\n{source}"),
        }
    }
}
