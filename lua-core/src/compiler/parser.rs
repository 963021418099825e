//! The parser: Lua 5.1's grammar, read by recursive descent as lparser.c
//! reads it, driving the code generator as it goes (there is no syntax tree).
//!
//! Rust recursion is bounded by the same counter that bounds lparser.c's C
//! recursion (LUAI_MAXCCALLS): every nested expression and block counts one
//! level, and past 200 the chunk is rejected with lua5.1's message.

use std::rc::Rc;

use super::codegen::{BinOpr, BlockCnt, ExpDesc, ExpKind, FuncState, UnOpr, UpvalDesc, MULTRET};
use super::lexer::{Lexer, Token};
use super::Error;
use crate::opcode::{set_c, Instruction, OpCode, MAXARG_BX, SIZE_OP};
use crate::proto::{LocalVar, Proto, VARARG_HASARG, VARARG_ISVARARG, VARARG_NEEDSARG};

/// LUAI_MAXCCALLS: nesting levels of the syntax.
const MAX_LEVELS: u32 = 200;
/// LUAI_MAXVARS: active locals in one function.
const MAX_VARS: u32 = 200;
/// LUAI_MAXUPVALUES: upvalues of one function.
const MAX_UPVALUES: u32 = 60;
/// SHRT_MAX: local variable records of one function (luaM_growvector's limit).
const MAX_LOCAL_RECORDS: usize = 32767;
/// UNARY_PRIORITY: priority of unary operators.
const UNARY_PRIORITY: u32 = 8;

type PResult<T> = Result<T, Error>;

fn block_follow(t: &Token<'_>) -> bool {
    matches!(
        t,
        Token::Else | Token::Elseif | Token::End | Token::Until | Token::Eos
    )
}

fn unary_op(t: &Token<'_>) -> Option<UnOpr> {
    match t {
        Token::Not => Some(UnOpr::Not),
        Token::Char(b'-') => Some(UnOpr::Minus),
        Token::Char(b'#') => Some(UnOpr::Len),
        _ => None,
    }
}

fn binary_op(t: &Token<'_>) -> Option<BinOpr> {
    Some(match t {
        Token::Char(b'+') => BinOpr::Add,
        Token::Char(b'-') => BinOpr::Sub,
        Token::Char(b'*') => BinOpr::Mul,
        Token::Char(b'/') => BinOpr::Div,
        Token::Char(b'%') => BinOpr::Mod,
        Token::Char(b'^') => BinOpr::Pow,
        Token::Concat => BinOpr::Concat,
        Token::Ne => BinOpr::Ne,
        Token::Eq => BinOpr::Eq,
        Token::Char(b'<') => BinOpr::Lt,
        Token::Le => BinOpr::Le,
        Token::Char(b'>') => BinOpr::Gt,
        Token::Ge => BinOpr::Ge,
        Token::And => BinOpr::And,
        Token::Or => BinOpr::Or,
        _ => return None,
    })
}

/// lparser.c's errorlimit.
fn limit_error(fs: &FuncState, limit: u32, what: &str) -> Error {
    let msg = if fs.f.line_defined == 0 {
        format!("main function has more than {limit} {what}")
    } else {
        format!(
            "function at line {} has more than {limit} {what}",
            fs.f.line_defined
        )
    };
    Error::lex(msg, None)
}

fn check_limit(fs: &FuncState, v: u32, limit: u32, what: &str) -> PResult<()> {
    if v > limit {
        Err(limit_error(fs, limit, what))
    } else {
        Ok(())
    }
}

fn search_var(fs: &FuncState, name: &[u8]) -> Option<u32> {
    (0..fs.nactvar).rev().find(|&i| {
        let idx = fs.actvar[i as usize] as usize;
        &*fs.f.local_vars[idx].name == name
    })
}

/// Marks the block where local `level` lives as having an upvalue.
fn mark_upval(fs: &mut FuncState, level: u32) {
    if let Some(bl) = fs.blocks.iter_mut().rev().find(|bl| bl.nactvar <= level) {
        bl.upval = true;
    }
}

fn index_upvalue(fs: &mut FuncState, name: &[u8], v: &ExpDesc) -> PResult<u32> {
    let desc = UpvalDesc {
        in_parent_local: v.k == ExpKind::Local,
        index: v.info,
    };
    if let Some(i) = fs.upvalues.iter().position(|u| *u == desc) {
        return Ok(i as u32);
    }
    check_limit(fs, fs.upvalues.len() as u32 + 1, MAX_UPVALUES, "upvalues")?;
    fs.upvalues.push(desc);
    fs.f.upvalue_names.push(name.into());
    Ok(fs.upvalues.len() as u32 - 1)
}

/// lparser.c's singlevaraux: resolves `name` in `fs`, then in the
/// enclosing functions (`outer`, innermost last).
fn single_var_aux(
    fs: &mut FuncState,
    outer: &mut [FuncState],
    name: &[u8],
    var: &mut ExpDesc,
    base: bool,
) -> PResult<ExpKind> {
    if let Some(v) = search_var(fs, name) {
        *var = ExpDesc::new(ExpKind::Local, v);
        if !base {
            mark_upval(fs, v);
        }
        return Ok(ExpKind::Local);
    }
    match outer.split_last_mut() {
        None => {
            *var = ExpDesc::new(ExpKind::Global, 0);
            Ok(ExpKind::Global)
        }
        Some((parent, rest)) => {
            if single_var_aux(parent, rest, name, var, false)? == ExpKind::Global {
                return Ok(ExpKind::Global);
            }
            var.info = index_upvalue(fs, name, var)?;
            var.k = ExpKind::Upval;
            Ok(ExpKind::Upval)
        }
    }
}

fn set_opcode(i: &mut Instruction, op: OpCode) {
    let mask = (1 << SIZE_OP) - 1;
    *i = (*i & !mask) | op as u32;
}

/// State of a table constructor (lparser.c's ConsControl).
struct ConsControl {
    /// Last list item read.
    v: ExpDesc,
    /// Register of the table.
    table: u32,
    nh: u32,
    na: u32,
    tostore: u32,
}

pub(crate) struct Parser<'a> {
    pub(crate) lex: Lexer<'a>,
    fs: FuncState,
    enclosing: Vec<FuncState>,
    level: u32,
    source: Rc<[u8]>,
}

impl<'a> Parser<'a> {
    /// A parser of `src`; `level` is the nesting depth the caller already
    /// uses (lua_State's nCcalls when lua_load runs).
    pub(crate) fn new(src: &'a [u8], source: Rc<[u8]>, level: u32) -> Parser<'a> {
        let f = Proto {
            source: source.clone(),
            max_stack_size: 2,
            is_vararg: VARARG_ISVARARG,
            ..Proto::default()
        };
        Parser {
            lex: Lexer::new(src),
            fs: FuncState::new(f, 1),
            enclosing: Vec::new(),
            level,
            source,
        }
    }

    /// luaY_parser: the main function of the chunk.
    pub(crate) fn main_function(&mut self) -> PResult<Proto> {
        self.next()?;
        self.chunk()?;
        self.check(&Token::Eos)?;
        self.close_func()
    }

    // ---- token helpers ----

    fn next(&mut self) -> PResult<()> {
        self.lex.next()?;
        self.fs.line = self.lex.lastline;
        Ok(())
    }

    fn syntax_error<T>(&self, msg: &str) -> PResult<T> {
        Err(Error::syntax(msg))
    }

    fn error_expected<T>(&self, t: &Token<'_>) -> PResult<T> {
        let what = String::from_utf8_lossy(&t.describe()).into_owned();
        self.syntax_error(&format!("'{what}' expected"))
    }

    fn test_next(&mut self, t: &Token<'_>) -> PResult<bool> {
        if self.lex.token == *t {
            self.next()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn check(&self, t: &Token<'_>) -> PResult<()> {
        if self.lex.token != *t {
            return self.error_expected(t);
        }
        Ok(())
    }

    fn check_next(&mut self, t: &Token<'_>) -> PResult<()> {
        self.check(t)?;
        self.next()
    }

    fn check_match(&mut self, what: &Token<'_>, who: &Token<'_>, line: u32) -> PResult<()> {
        if self.test_next(what)? {
            return Ok(());
        }
        if line == self.lex.linenumber {
            self.error_expected(what)
        } else {
            let what = String::from_utf8_lossy(&what.describe()).into_owned();
            let who = String::from_utf8_lossy(&who.describe()).into_owned();
            self.syntax_error(&format!(
                "'{what}' expected (to close '{who}' at line {line})"
            ))
        }
    }

    fn str_check_name(&mut self) -> PResult<&'a [u8]> {
        match std::mem::replace(&mut self.lex.token, Token::Eos) {
            Token::Name(name) => {
                self.next()?;
                Ok(name)
            }
            other => {
                self.lex.token = other;
                self.error_expected(&Token::Name(b""))
            }
        }
    }

    fn code_string(&mut self, s: &[u8]) -> PResult<ExpDesc> {
        Ok(ExpDesc::new(ExpKind::K, self.fs.string_k(s)?))
    }

    fn check_name(&mut self) -> PResult<ExpDesc> {
        let name = self.str_check_name()?;
        self.code_string(name)
    }

    fn enter_level(&mut self) -> PResult<()> {
        self.level += 1;
        if self.level > MAX_LEVELS {
            return Err(Error::lex("chunk has too many syntax levels", None));
        }
        Ok(())
    }

    fn leave_level(&mut self) {
        self.level -= 1;
    }

    // ---- variables and functions ----

    fn register_local_var(&mut self, name: &[u8]) -> PResult<u32> {
        if self.fs.f.local_vars.len() >= MAX_LOCAL_RECORDS {
            return Err(Error::bare("too many local variables"));
        }
        self.fs.f.local_vars.push(LocalVar {
            name: name.into(),
            start_pc: 0,
            end_pc: 0,
        });
        Ok(self.fs.f.local_vars.len() as u32 - 1)
    }

    fn new_local_var(&mut self, name: &[u8], n: u32) -> PResult<()> {
        let fs = &self.fs;
        check_limit(fs, fs.nactvar + n + 1, MAX_VARS, "local variables")?;
        let idx = self.register_local_var(name)?;
        let slot = (self.fs.nactvar + n) as usize;
        if self.fs.actvar.len() <= slot {
            self.fs.actvar.resize(slot + 1, 0);
        }
        self.fs.actvar[slot] = idx;
        Ok(())
    }

    fn new_local_var_literal(&mut self, name: &str, n: u32) -> PResult<()> {
        self.new_local_var(name.as_bytes(), n)
    }

    fn adjust_local_vars(&mut self, nvars: u32) {
        self.fs.nactvar += nvars;
        let pc = self.fs.pc() as u32;
        for i in (self.fs.nactvar - nvars)..self.fs.nactvar {
            self.fs.local_var(i).start_pc = pc;
        }
    }

    fn remove_vars(&mut self, tolevel: u32) {
        let pc = self.fs.pc() as u32;
        while self.fs.nactvar > tolevel {
            self.fs.nactvar -= 1;
            let n = self.fs.nactvar;
            self.fs.local_var(n).end_pc = pc;
        }
    }

    fn single_var(&mut self) -> PResult<ExpDesc> {
        let name = self.str_check_name()?;
        let mut var = ExpDesc::new(ExpKind::Void, 0);
        if single_var_aux(&mut self.fs, &mut self.enclosing, name, &mut var, true)?
            == ExpKind::Global
        {
            var.info = self.fs.string_k(name)?;
        }
        Ok(var)
    }

    fn adjust_assign(&mut self, nvars: u32, nexps: u32, e: &mut ExpDesc) -> PResult<()> {
        let mut extra = nvars as i32 - nexps as i32;
        if e.has_multret() {
            extra += 1;
            if extra < 0 {
                extra = 0;
            }
            self.fs.set_returns(e, extra)?;
            if extra > 1 {
                self.fs.reserve_regs(extra as u32 - 1)?;
            }
        } else {
            if e.k != ExpKind::Void {
                self.fs.exp_to_next_reg(e)?;
            }
            if extra > 0 {
                let reg = self.fs.freereg;
                self.fs.reserve_regs(extra as u32)?;
                self.fs.nil(reg, extra as u32)?;
            }
        }
        Ok(())
    }

    fn enter_block(&mut self, isbreakable: bool) {
        let nactvar = self.fs.nactvar;
        self.fs.blocks.push(BlockCnt {
            breaklist: super::codegen::NO_JUMP,
            nactvar,
            upval: false,
            isbreakable,
        });
    }

    fn leave_block(&mut self) -> PResult<()> {
        let Some(bl) = self.fs.blocks.pop() else {
            return Ok(());
        };
        self.remove_vars(bl.nactvar);
        if bl.upval {
            self.fs.code_abc(OpCode::Close, bl.nactvar, 0, 0)?;
        }
        self.fs.freereg = self.fs.nactvar;
        self.fs.patch_to_here(bl.breaklist)
    }

    fn open_func(&mut self, line: u32) {
        let f = Proto {
            source: self.source.clone(),
            max_stack_size: 2,
            line_defined: line,
            ..Proto::default()
        };
        let fs = FuncState::new(f, self.lex.lastline);
        let parent = std::mem::replace(&mut self.fs, fs);
        self.enclosing.push(parent);
    }

    fn close_func(&mut self) -> PResult<Proto> {
        self.remove_vars(0);
        self.fs.ret(0, 0)?;
        self.fs.f.num_upvalues = self.fs.upvalues.len() as u8;
        let done = match self.enclosing.pop() {
            Some(parent) => std::mem::replace(&mut self.fs, parent),
            None => std::mem::replace(&mut self.fs, FuncState::new(Proto::default(), 0)),
        };
        self.fs.line = self.lex.lastline;
        Ok(done.f)
    }

    fn push_closure(&mut self, func: Proto, upvalues: &[UpvalDesc]) -> PResult<ExpDesc> {
        if self.fs.f.protos.len() as u32 >= MAXARG_BX {
            return Err(Error::bare("constant table overflow"));
        }
        self.fs.f.protos.push(Rc::new(func));
        let idx = self.fs.f.protos.len() as u32 - 1;
        let pc = self.fs.code_abx(OpCode::Closure, 0, idx)?;
        for u in upvalues {
            let op = if u.in_parent_local {
                OpCode::Move
            } else {
                OpCode::GetUpval
            };
            self.fs.code_abc(op, 0, u.index, 0)?;
        }
        Ok(ExpDesc::new(ExpKind::Relocable, pc as u32))
    }

    // ---- expressions ----

    fn field(&mut self, v: &mut ExpDesc) -> PResult<()> {
        self.fs.exp_to_any_reg(v)?;
        self.next()?;
        let mut key = self.check_name()?;
        self.fs.indexed(v, &mut key)
    }

    fn yindex(&mut self) -> PResult<ExpDesc> {
        self.next()?;
        let mut v = self.expr()?;
        self.fs.exp_to_val(&mut v)?;
        self.check_next(&Token::Char(b']'))?;
        Ok(v)
    }

    fn recfield(&mut self, cc: &mut ConsControl) -> PResult<()> {
        let reg = self.fs.freereg;
        let mut key = if matches!(self.lex.token, Token::Name(_)) {
            self.check_name()?
        } else {
            self.yindex()?
        };
        cc.nh += 1;
        self.check_next(&Token::Char(b'='))?;
        let rkkey = self.fs.exp_to_rk(&mut key)?;
        let mut val = self.expr()?;
        let rkval = self.fs.exp_to_rk(&mut val)?;
        self.fs.code_abc(OpCode::SetTable, cc.table, rkkey, rkval)?;
        self.fs.freereg = reg;
        Ok(())
    }

    fn close_list_field(&mut self, cc: &mut ConsControl) -> PResult<()> {
        if cc.v.k == ExpKind::Void {
            return Ok(());
        }
        self.fs.exp_to_next_reg(&mut cc.v)?;
        cc.v.k = ExpKind::Void;
        if cc.tostore == crate::opcode::LFIELDS_PER_FLUSH {
            self.fs.set_list(cc.table, cc.na, cc.tostore as i32)?;
            cc.tostore = 0;
        }
        Ok(())
    }

    fn last_list_field(&mut self, cc: &mut ConsControl) -> PResult<()> {
        if cc.tostore == 0 {
            return Ok(());
        }
        if cc.v.has_multret() {
            self.fs.set_multret(&cc.v)?;
            self.fs.set_list(cc.table, cc.na, MULTRET)?;
            cc.na -= 1;
        } else {
            if cc.v.k != ExpKind::Void {
                self.fs.exp_to_next_reg(&mut cc.v)?;
            }
            self.fs.set_list(cc.table, cc.na, cc.tostore as i32)?;
        }
        Ok(())
    }

    fn list_field(&mut self, cc: &mut ConsControl) -> PResult<()> {
        cc.v = self.expr()?;
        cc.na += 1;
        cc.tostore += 1;
        Ok(())
    }

    fn constructor(&mut self) -> PResult<ExpDesc> {
        let line = self.lex.linenumber;
        let pc = self.fs.code_abc(OpCode::NewTable, 0, 0, 0)?;
        let mut t = ExpDesc::new(ExpKind::Relocable, pc as u32);
        self.fs.exp_to_next_reg(&mut t)?;
        let mut cc = ConsControl {
            v: ExpDesc::new(ExpKind::Void, 0),
            table: t.info,
            nh: 0,
            na: 0,
            tostore: 0,
        };
        self.check_next(&Token::Char(b'{'))?;
        loop {
            if self.lex.token == Token::Char(b'}') {
                break;
            }
            self.close_list_field(&mut cc)?;
            match self.lex.token {
                Token::Name(_) => {
                    if *self.lex.lookahead()? != Token::Char(b'=') {
                        self.list_field(&mut cc)?;
                    } else {
                        self.recfield(&mut cc)?;
                    }
                }
                Token::Char(b'[') => self.recfield(&mut cc)?,
                _ => self.list_field(&mut cc)?,
            }
            if !(self.test_next(&Token::Char(b','))? || self.test_next(&Token::Char(b';'))?) {
                break;
            }
        }
        self.check_match(&Token::Char(b'}'), &Token::Char(b'{'), line)?;
        self.last_list_field(&mut cc)?;
        let i = self.fs.instr_mut(pc as u32);
        crate::opcode::set_b(i, crate::opcode::int_to_fb(cc.na));
        crate::opcode::set_c(i, crate::opcode::int_to_fb(cc.nh));
        Ok(t)
    }

    fn parlist(&mut self) -> PResult<()> {
        let mut nparams = 0;
        self.fs.f.is_vararg = 0;
        if self.lex.token != Token::Char(b')') {
            loop {
                match self.lex.token {
                    Token::Name(_) => {
                        let name = self.str_check_name()?;
                        self.new_local_var(name, nparams)?;
                        nparams += 1;
                    }
                    Token::Dots => {
                        self.next()?;
                        // LUA_COMPAT_VARARG: the extra arguments are also in `arg`.
                        self.new_local_var_literal("arg", nparams)?;
                        nparams += 1;
                        self.fs.f.is_vararg = VARARG_HASARG | VARARG_NEEDSARG | VARARG_ISVARARG;
                    }
                    _ => return self.syntax_error("<name> or '...' expected"),
                }
                if self.fs.f.is_vararg != 0 || !self.test_next(&Token::Char(b','))? {
                    break;
                }
            }
        }
        self.adjust_local_vars(nparams);
        self.fs.f.num_params =
            (self.fs.nactvar - u32::from(self.fs.f.is_vararg & VARARG_HASARG)) as u8;
        let n = self.fs.nactvar;
        self.fs.reserve_regs(n)
    }

    fn body(&mut self, needself: bool, line: u32) -> PResult<ExpDesc> {
        self.open_func(line);
        self.check_next(&Token::Char(b'('))?;
        if needself {
            self.new_local_var_literal("self", 0)?;
            self.adjust_local_vars(1);
        }
        self.parlist()?;
        self.check_next(&Token::Char(b')'))?;
        self.chunk()?;
        self.fs.f.last_line_defined = self.lex.linenumber;
        self.check_match(&Token::End, &Token::Function, line)?;
        let upvalues = self.fs.upvalues.clone();
        let f = self.close_func()?;
        self.push_closure(f, &upvalues)
    }

    /// explist1: returns the last expression and the number of expressions.
    fn explist1(&mut self) -> PResult<(ExpDesc, u32)> {
        let mut n = 1;
        let mut v = self.expr()?;
        while self.test_next(&Token::Char(b','))? {
            self.fs.exp_to_next_reg(&mut v)?;
            v = self.expr()?;
            n += 1;
        }
        Ok((v, n))
    }

    fn funcargs(&mut self, f: &mut ExpDesc) -> PResult<()> {
        let line = self.lex.linenumber;
        let mut args = match &self.lex.token {
            Token::Char(b'(') => {
                if line != self.lex.lastline {
                    return self.syntax_error("ambiguous syntax (function call x new statement)");
                }
                self.next()?;
                let args = if self.lex.token == Token::Char(b')') {
                    ExpDesc::new(ExpKind::Void, 0)
                } else {
                    let (args, _) = self.explist1()?;
                    self.fs.set_multret(&args)?;
                    args
                };
                self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
                args
            }
            Token::Char(b'{') => self.constructor()?,
            Token::String(s) => {
                let args = ExpDesc::new(ExpKind::K, self.fs.string_k(s)?);
                self.next()?;
                args
            }
            _ => return self.syntax_error("function arguments expected"),
        };
        let base = f.info;
        let nparams = if args.has_multret() {
            MULTRET
        } else {
            if args.k != ExpKind::Void {
                self.fs.exp_to_next_reg(&mut args)?;
            }
            (self.fs.freereg - (base + 1)) as i32
        };
        let pc = self
            .fs
            .code_abc(OpCode::Call, base, (nparams + 1) as u32, 2)?;
        *f = ExpDesc::new(ExpKind::Call, pc as u32);
        self.fs.fix_line(line);
        self.fs.freereg = base + 1;
        Ok(())
    }

    fn prefixexp(&mut self) -> PResult<ExpDesc> {
        match self.lex.token {
            Token::Char(b'(') => {
                let line = self.lex.linenumber;
                self.next()?;
                let mut v = self.expr()?;
                self.check_match(&Token::Char(b')'), &Token::Char(b'('), line)?;
                self.fs.discharge_vars(&mut v)?;
                Ok(v)
            }
            Token::Name(_) => self.single_var(),
            _ => self.syntax_error("unexpected symbol"),
        }
    }

    fn primaryexp(&mut self) -> PResult<ExpDesc> {
        let mut v = self.prefixexp()?;
        loop {
            match self.lex.token {
                Token::Char(b'.') => self.field(&mut v)?,
                Token::Char(b'[') => {
                    self.fs.exp_to_any_reg(&mut v)?;
                    let mut key = self.yindex()?;
                    self.fs.indexed(&mut v, &mut key)?;
                }
                Token::Char(b':') => {
                    self.next()?;
                    let mut key = self.check_name()?;
                    self.fs.self_op(&mut v, &mut key)?;
                    self.funcargs(&mut v)?;
                }
                Token::Char(b'(' | b'{') | Token::String(_) => {
                    self.fs.exp_to_next_reg(&mut v)?;
                    self.funcargs(&mut v)?;
                }
                _ => return Ok(v),
            }
        }
    }

    fn simpleexp(&mut self) -> PResult<ExpDesc> {
        let v = match &self.lex.token {
            Token::Number(n) => ExpDesc::number(*n),
            Token::String(s) => ExpDesc::new(ExpKind::K, self.fs.string_k(s)?),
            Token::Nil => ExpDesc::new(ExpKind::Nil, 0),
            Token::True => ExpDesc::new(ExpKind::True, 0),
            Token::False => ExpDesc::new(ExpKind::False, 0),
            Token::Dots => {
                if self.fs.f.is_vararg == 0 {
                    return self.syntax_error("cannot use '...' outside a vararg function");
                }
                self.fs.f.is_vararg &= !VARARG_NEEDSARG;
                let pc = self.fs.code_abc(OpCode::VarArg, 0, 1, 0)?;
                ExpDesc::new(ExpKind::Vararg, pc as u32)
            }
            Token::Char(b'{') => return self.constructor(),
            Token::Function => {
                self.next()?;
                let line = self.lex.linenumber;
                return self.body(false, line);
            }
            _ => return self.primaryexp(),
        };
        self.next()?;
        Ok(v)
    }

    /// subexpr: an expression whose binary operators bind tighter than
    /// `limit`; returns it and the first operator left untreated.
    fn subexpr(&mut self, limit: u32) -> PResult<(ExpDesc, Option<BinOpr>)> {
        self.enter_level()?;
        let mut v = if let Some(uop) = unary_op(&self.lex.token) {
            self.next()?;
            let (mut v, _) = self.subexpr(UNARY_PRIORITY)?;
            self.fs.prefix(uop, &mut v)?;
            v
        } else {
            self.simpleexp()?
        };
        let mut op = binary_op(&self.lex.token);
        while let Some(o) = op {
            let (left, right) = o.priority();
            if left <= limit {
                break;
            }
            self.next()?;
            self.fs.infix(o, &mut v)?;
            let (mut v2, nextop) = self.subexpr(right)?;
            self.fs.posfix(o, &mut v, &mut v2)?;
            op = nextop;
        }
        self.leave_level();
        Ok((v, op))
    }

    fn expr(&mut self) -> PResult<ExpDesc> {
        Ok(self.subexpr(0)?.0)
    }

    // ---- statements ----

    fn block(&mut self) -> PResult<()> {
        self.enter_block(false);
        self.chunk()?;
        self.leave_block()
    }

    /// check_conflict: a local assigned in a multiple assignment that an
    /// earlier target uses as table or key is copied first.
    fn check_conflict(&mut self, lhs: &mut [ExpDesc], v: &ExpDesc) -> PResult<()> {
        let extra = self.fs.freereg;
        let mut conflict = false;
        for lh in lhs.iter_mut().rev() {
            if lh.k == ExpKind::Indexed {
                if lh.info == v.info {
                    conflict = true;
                    lh.info = extra;
                }
                if lh.aux == v.info {
                    conflict = true;
                    lh.aux = extra;
                }
            }
        }
        if conflict {
            self.fs.code_abc(OpCode::Move, self.fs.freereg, v.info, 0)?;
            self.fs.reserve_regs(1)?;
        }
        Ok(())
    }

    fn assignment(&mut self, first: ExpDesc) -> PResult<()> {
        let mut lhs = vec![first];
        while let Some(last) = lhs.last() {
            if !matches!(
                last.k,
                ExpKind::Local | ExpKind::Upval | ExpKind::Global | ExpKind::Indexed
            ) {
                return self.syntax_error("syntax error");
            }
            if !self.test_next(&Token::Char(b','))? {
                break;
            }
            let nv = self.primaryexp()?;
            if nv.k == ExpKind::Local {
                self.check_conflict(&mut lhs, &nv)?;
            }
            let nvars = lhs.len() as u32;
            check_limit(
                &self.fs,
                nvars,
                MAX_LEVELS.saturating_sub(self.level),
                "variables in assignment",
            )?;
            lhs.push(nv);
        }
        self.check_next(&Token::Char(b'='))?;
        let nvars = lhs.len() as u32;
        let (mut e, nexps) = self.explist1()?;
        let mut pending = lhs.len();
        if nexps != nvars {
            self.adjust_assign(nvars, nexps, &mut e)?;
            if nexps > nvars {
                self.fs.freereg -= nexps - nvars;
            }
        } else {
            self.fs.set_one_ret(&mut e);
            if let Some(var) = lhs.last() {
                self.fs.store_var(var, &mut e)?;
            }
            pending -= 1;
        }
        for var in lhs[..pending].iter().rev() {
            let mut e = ExpDesc::new(ExpKind::NonReloc, self.fs.freereg - 1);
            self.fs.store_var(var, &mut e)?;
        }
        Ok(())
    }

    /// cond: compiles a condition; returns its false-exit list.
    fn cond(&mut self) -> PResult<i32> {
        let mut v = self.expr()?;
        if v.k == ExpKind::Nil {
            v.k = ExpKind::False;
        }
        self.fs.go_if_true(&mut v)?;
        Ok(v.f)
    }

    fn breakstat(&mut self) -> PResult<()> {
        let mut upval = false;
        let Some(at) = self.fs.blocks.iter().rposition(|bl| {
            let found = bl.isbreakable;
            if !found {
                upval |= bl.upval;
            }
            found
        }) else {
            return self.syntax_error("no loop to break");
        };
        if upval {
            let n = self.fs.blocks[at].nactvar;
            self.fs.code_abc(OpCode::Close, n, 0, 0)?;
        }
        let j = self.fs.jump()?;
        let mut list = self.fs.blocks[at].breaklist;
        self.fs.concat(&mut list, j)?;
        self.fs.blocks[at].breaklist = list;
        Ok(())
    }

    fn whilestat(&mut self, line: u32) -> PResult<()> {
        self.next()?;
        let whileinit = self.fs.get_label();
        let condexit = self.cond()?;
        self.enter_block(true);
        self.check_next(&Token::Do)?;
        self.block()?;
        let j = self.fs.jump()?;
        self.fs.patch_list(j, whileinit)?;
        self.check_match(&Token::End, &Token::While, line)?;
        self.leave_block()?;
        self.fs.patch_to_here(condexit)
    }

    fn repeatstat(&mut self, line: u32) -> PResult<()> {
        let repeat_init = self.fs.get_label();
        self.enter_block(true);
        self.enter_block(false);
        self.next()?;
        self.chunk()?;
        self.check_match(&Token::Until, &Token::Repeat, line)?;
        let condexit = self.cond()?;
        let scope_has_upval = self.fs.blocks.last().is_some_and(|bl| bl.upval);
        if !scope_has_upval {
            self.leave_block()?;
            self.fs.patch_list(condexit, repeat_init)?;
        } else {
            self.breakstat()?;
            self.fs.patch_to_here(condexit)?;
            self.leave_block()?;
            let j = self.fs.jump()?;
            self.fs.patch_list(j, repeat_init)?;
        }
        self.leave_block()
    }

    fn exp1(&mut self) -> PResult<()> {
        let mut e = self.expr()?;
        self.fs.exp_to_next_reg(&mut e)
    }

    fn forbody(&mut self, base: u32, line: u32, nvars: u32, isnum: bool) -> PResult<()> {
        self.adjust_local_vars(3);
        self.check_next(&Token::Do)?;
        let prep = if isnum {
            self.fs
                .code_asbx(OpCode::ForPrep, base, super::codegen::NO_JUMP)?
        } else {
            self.fs.jump()?
        };
        self.enter_block(false);
        self.adjust_local_vars(nvars);
        self.fs.reserve_regs(nvars)?;
        self.block()?;
        self.leave_block()?;
        self.fs.patch_to_here(prep)?;
        let endfor = if isnum {
            self.fs
                .code_asbx(OpCode::ForLoop, base, super::codegen::NO_JUMP)?
        } else {
            self.fs.code_abc(OpCode::TForLoop, base, 0, nvars)?
        };
        self.fs.fix_line(line);
        let list = if isnum { endfor } else { self.fs.jump()? };
        self.fs.patch_list(list, prep + 1)
    }

    fn fornum(&mut self, varname: &[u8], line: u32) -> PResult<()> {
        let base = self.fs.freereg;
        self.new_local_var_literal("(for index)", 0)?;
        self.new_local_var_literal("(for limit)", 1)?;
        self.new_local_var_literal("(for step)", 2)?;
        self.new_local_var(varname, 3)?;
        self.check_next(&Token::Char(b'='))?;
        self.exp1()?;
        self.check_next(&Token::Char(b','))?;
        self.exp1()?;
        if self.test_next(&Token::Char(b','))? {
            self.exp1()?;
        } else {
            let k = self.fs.number_k(1.0)?;
            self.fs.code_abx(OpCode::LoadK, self.fs.freereg, k)?;
            self.fs.reserve_regs(1)?;
        }
        self.forbody(base, line, 1, true)
    }

    fn forlist(&mut self, indexname: &[u8]) -> PResult<()> {
        let base = self.fs.freereg;
        self.new_local_var_literal("(for generator)", 0)?;
        self.new_local_var_literal("(for state)", 1)?;
        self.new_local_var_literal("(for control)", 2)?;
        self.new_local_var(indexname, 3)?;
        let mut nvars = 4;
        while self.test_next(&Token::Char(b','))? {
            let name = self.str_check_name()?;
            self.new_local_var(name, nvars)?;
            nvars += 1;
        }
        self.check_next(&Token::In)?;
        let line = self.lex.linenumber;
        let (mut e, nexps) = self.explist1()?;
        self.adjust_assign(3, nexps, &mut e)?;
        self.fs.check_stack(3)?;
        self.forbody(base, line, nvars - 3, false)
    }

    fn forstat(&mut self, line: u32) -> PResult<()> {
        self.enter_block(true);
        self.next()?;
        let varname = self.str_check_name()?;
        match self.lex.token {
            Token::Char(b'=') => self.fornum(varname, line)?,
            Token::Char(b',') | Token::In => self.forlist(varname)?,
            _ => return self.syntax_error("'=' or 'in' expected"),
        }
        self.check_match(&Token::End, &Token::For, line)?;
        self.leave_block()
    }

    fn test_then_block(&mut self) -> PResult<i32> {
        self.next()?;
        let condexit = self.cond()?;
        self.check_next(&Token::Then)?;
        self.block()?;
        Ok(condexit)
    }

    fn ifstat(&mut self, line: u32) -> PResult<()> {
        let mut escapelist = super::codegen::NO_JUMP;
        let mut flist = self.test_then_block()?;
        while self.lex.token == Token::Elseif {
            let j = self.fs.jump()?;
            self.fs.concat(&mut escapelist, j)?;
            self.fs.patch_to_here(flist)?;
            flist = self.test_then_block()?;
        }
        if self.lex.token == Token::Else {
            let j = self.fs.jump()?;
            self.fs.concat(&mut escapelist, j)?;
            self.fs.patch_to_here(flist)?;
            self.next()?;
            self.block()?;
        } else {
            self.fs.concat(&mut escapelist, flist)?;
        }
        self.fs.patch_to_here(escapelist)?;
        self.check_match(&Token::End, &Token::If, line)
    }

    fn localfunc(&mut self) -> PResult<()> {
        let name = self.str_check_name()?;
        self.new_local_var(name, 0)?;
        let v = ExpDesc::new(ExpKind::Local, self.fs.freereg);
        self.fs.reserve_regs(1)?;
        self.adjust_local_vars(1);
        let line = self.lex.linenumber;
        let mut b = self.body(false, line)?;
        self.fs.store_var(&v, &mut b)?;
        // Debug information sees the variable only after the closure is stored.
        let pc = self.fs.pc() as u32;
        let n = self.fs.nactvar - 1;
        self.fs.local_var(n).start_pc = pc;
        Ok(())
    }

    fn localstat(&mut self) -> PResult<()> {
        let mut nvars = 0;
        loop {
            let name = self.str_check_name()?;
            self.new_local_var(name, nvars)?;
            nvars += 1;
            if !self.test_next(&Token::Char(b','))? {
                break;
            }
        }
        let (mut e, nexps) = if self.test_next(&Token::Char(b'='))? {
            self.explist1()?
        } else {
            (ExpDesc::new(ExpKind::Void, 0), 0)
        };
        self.adjust_assign(nvars, nexps, &mut e)?;
        self.adjust_local_vars(nvars);
        Ok(())
    }

    fn funcname(&mut self) -> PResult<(ExpDesc, bool)> {
        let mut v = self.single_var()?;
        while self.lex.token == Token::Char(b'.') {
            self.field(&mut v)?;
        }
        let needself = self.lex.token == Token::Char(b':');
        if needself {
            self.field(&mut v)?;
        }
        Ok((v, needself))
    }

    fn funcstat(&mut self, line: u32) -> PResult<()> {
        self.next()?;
        let (v, needself) = self.funcname()?;
        let mut b = self.body(needself, line)?;
        self.fs.store_var(&v, &mut b)?;
        self.fs.fix_line(line);
        Ok(())
    }

    fn exprstat(&mut self) -> PResult<()> {
        let v = self.primaryexp()?;
        if v.k == ExpKind::Call {
            set_c(self.fs.instr_mut(v.info), 1);
            Ok(())
        } else {
            self.assignment(v)
        }
    }

    fn retstat(&mut self) -> PResult<()> {
        self.next()?;
        let (first, nret) = if block_follow(&self.lex.token) || self.lex.token == Token::Char(b';')
        {
            (0, 0)
        } else {
            let (mut e, nret) = self.explist1()?;
            if e.has_multret() {
                self.fs.set_multret(&e)?;
                if e.k == ExpKind::Call && nret == 1 {
                    set_opcode(self.fs.instr_mut(e.info), OpCode::TailCall);
                }
                (self.fs.nactvar, MULTRET)
            } else if nret == 1 {
                (self.fs.exp_to_any_reg(&mut e)?, 1)
            } else {
                self.fs.exp_to_next_reg(&mut e)?;
                (self.fs.nactvar, nret as i32)
            }
        };
        self.fs.ret(first, nret)
    }

    /// statement: compiles one statement; true if it must be the last one.
    fn statement(&mut self) -> PResult<bool> {
        let line = self.lex.linenumber;
        match self.lex.token {
            Token::If => self.ifstat(line)?,
            Token::While => self.whilestat(line)?,
            Token::Do => {
                self.next()?;
                self.block()?;
                self.check_match(&Token::End, &Token::Do, line)?;
            }
            Token::For => self.forstat(line)?,
            Token::Repeat => self.repeatstat(line)?,
            Token::Function => self.funcstat(line)?,
            Token::Local => {
                self.next()?;
                if self.test_next(&Token::Function)? {
                    self.localfunc()?;
                } else {
                    self.localstat()?;
                }
            }
            Token::Return => {
                self.retstat()?;
                return Ok(true);
            }
            Token::Break => {
                self.next()?;
                self.breakstat()?;
                return Ok(true);
            }
            _ => self.exprstat()?,
        }
        Ok(false)
    }

    fn chunk(&mut self) -> PResult<()> {
        self.enter_level()?;
        let mut islast = false;
        while !islast && !block_follow(&self.lex.token) {
            islast = self.statement()?;
            self.test_next(&Token::Char(b';'))?;
            self.fs.freereg = self.fs.nactvar;
        }
        self.leave_level();
        Ok(())
    }
}
