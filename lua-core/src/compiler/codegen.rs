//! The code generator: lcode.c's expression descriptors, registers, jump
//! lists, constants and instruction emission, one function at a time.
//!
//! The rules are lcode.c's, decision for decision, so that the bytecode is
//! the bytecode luac5.1 produces: the runtime names variables in error
//! messages by reading it back, as ldebug.c does.

use std::collections::HashMap;

use super::Error;
use crate::opcode::{
    create_abc, create_abx, create_asbx, get_a, get_b, get_c, get_op, get_sbx, is_k, rk_as_k,
    set_a, set_b, set_c, set_sbx, Instruction, OpCode, MAXARG_A, MAXARG_BX, MAXARG_C, MAXARG_SBX,
    MAXINDEXRK, MAXSTACK,
};
use crate::proto::{Constant, LocalVar, Proto};

/// The end of a jump list.
pub(crate) const NO_JUMP: i32 = -1;
/// "No register" for TESTSET patching.
const NO_REG: u32 = MAXARG_A;
/// Open result count (LUA_MULTRET).
pub(crate) const MULTRET: i32 = -1;

/// What an expression descriptor stands for (lparser.h's expkind).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum ExpKind {
    /// No value (empty expression list).
    Void,
    Nil,
    True,
    False,
    /// Constant `info`.
    K,
    /// Number constant `nval`.
    KNum,
    /// Local variable in register `info`.
    Local,
    /// Upvalue `info`.
    Upval,
    /// Global named by constant `info`.
    Global,
    /// Table in register `info`, key RK `aux`.
    Indexed,
    /// A comparison whose jump is at pc `info`.
    Jmp,
    /// Result of instruction `info`, whose A can still be set.
    Relocable,
    /// Value in register `info`.
    NonReloc,
    /// Open call at pc `info`.
    Call,
    /// `...` at pc `info`.
    Vararg,
}

/// An expression being compiled (lparser.h's expdesc).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ExpDesc {
    pub(crate) k: ExpKind,
    pub(crate) info: u32,
    pub(crate) aux: u32,
    pub(crate) nval: f64,
    /// Patch list of "exit when true".
    pub(crate) t: i32,
    /// Patch list of "exit when false".
    pub(crate) f: i32,
}

impl ExpDesc {
    pub(crate) fn new(k: ExpKind, info: u32) -> ExpDesc {
        ExpDesc {
            k,
            info,
            aux: 0,
            nval: 0.0,
            t: NO_JUMP,
            f: NO_JUMP,
        }
    }

    pub(crate) fn number(n: f64) -> ExpDesc {
        ExpDesc {
            nval: n,
            ..ExpDesc::new(ExpKind::KNum, 0)
        }
    }

    fn has_jumps(&self) -> bool {
        self.t != self.f
    }

    fn is_numeral(&self) -> bool {
        self.k == ExpKind::KNum && self.t == NO_JUMP && self.f == NO_JUMP
    }

    pub(crate) fn has_multret(&self) -> bool {
        matches!(self.k, ExpKind::Call | ExpKind::Vararg)
    }
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum UnOpr {
    Minus,
    Not,
    Len,
}

/// Binary operators, in lcode.h's ORDER OPR.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum BinOpr {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Concat,
    Ne,
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
}

impl BinOpr {
    /// Left and right priorities (lparser.c's priority table).
    pub(crate) fn priority(self) -> (u32, u32) {
        match self {
            BinOpr::Add | BinOpr::Sub => (6, 6),
            BinOpr::Mul | BinOpr::Div | BinOpr::Mod => (7, 7),
            BinOpr::Pow => (10, 9),
            BinOpr::Concat => (5, 4),
            BinOpr::Ne | BinOpr::Eq | BinOpr::Lt | BinOpr::Le | BinOpr::Gt | BinOpr::Ge => (3, 3),
            BinOpr::And => (2, 2),
            BinOpr::Or => (1, 1),
        }
    }
}

/// Where each constant already in the table is, keyed as the Lua table
/// lcode.c uses for this tells values apart (0 and -0 are one key).
#[derive(Default)]
struct ConstantIndex {
    strings: HashMap<Box<[u8]>, u32>,
    numbers: HashMap<u64, u32>,
    nil: Option<u32>,
    booleans: [Option<u32>; 2],
}

/// How a function reaches an upvalue: a local of the enclosing function
/// or one of its upvalues.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct UpvalDesc {
    pub(crate) in_parent_local: bool,
    pub(crate) index: u32,
}

/// A block being compiled (lparser.c's BlockCnt).
#[derive(Clone, Debug)]
pub(crate) struct BlockCnt {
    pub(crate) breaklist: i32,
    pub(crate) nactvar: u32,
    pub(crate) upval: bool,
    pub(crate) isbreakable: bool,
}

/// State of one function being compiled (lparser.h's FuncState).
pub(crate) struct FuncState {
    pub(crate) f: Proto,
    constant_index: ConstantIndex,
    pub(crate) blocks: Vec<BlockCnt>,
    lasttarget: i32,
    jpc: i32,
    pub(crate) freereg: u32,
    pub(crate) nactvar: u32,
    pub(crate) upvalues: Vec<UpvalDesc>,
    /// Indices into `f.local_vars` of the active locals, by register.
    pub(crate) actvar: Vec<u32>,
    /// Line of the last token consumed (ls->lastline), for line info.
    pub(crate) line: u32,
}

/// lopcodes.c's testTMode: the instruction is a test, followed by a jump.
fn op_mode_t(op: OpCode) -> bool {
    matches!(
        op,
        OpCode::Eq | OpCode::Lt | OpCode::Le | OpCode::Test | OpCode::TestSet | OpCode::TForLoop
    )
}

impl FuncState {
    pub(crate) fn new(f: Proto, line: u32) -> FuncState {
        FuncState {
            f,
            constant_index: ConstantIndex::default(),
            blocks: Vec::new(),
            lasttarget: -1,
            jpc: NO_JUMP,
            freereg: 0,
            nactvar: 0,
            upvalues: Vec::new(),
            actvar: Vec::new(),
            line,
        }
    }

    pub(crate) fn pc(&self) -> i32 {
        self.f.code.len() as i32
    }

    fn code_at(&mut self, pc: i32) -> &mut Instruction {
        let i = pc as usize;
        &mut self.f.code[i]
    }

    pub(crate) fn instr(&self, pc: u32) -> Instruction {
        self.f.code[pc as usize]
    }

    pub(crate) fn instr_mut(&mut self, pc: u32) -> &mut Instruction {
        &mut self.f.code[pc as usize]
    }

    /// The local variable record of active local `i`.
    pub(crate) fn local_var(&mut self, i: u32) -> &mut LocalVar {
        let idx = self.actvar[i as usize] as usize;
        &mut self.f.local_vars[idx]
    }

    // ---- emission ----

    /// luaK_code: appends an instruction (pending jumps to here land on it).
    fn code(&mut self, i: Instruction) -> Result<i32, Error> {
        self.discharge_jpc()?;
        self.f.code.push(i);
        self.f.line_info.push(self.line);
        Ok(self.pc() - 1)
    }

    pub(crate) fn code_abc(&mut self, op: OpCode, a: u32, b: u32, c: u32) -> Result<i32, Error> {
        self.code(create_abc(op, a, b, c))
    }

    pub(crate) fn code_abx(&mut self, op: OpCode, a: u32, bx: u32) -> Result<i32, Error> {
        self.code(create_abx(op, a, bx))
    }

    pub(crate) fn code_asbx(&mut self, op: OpCode, a: u32, sbx: i32) -> Result<i32, Error> {
        self.code(create_asbx(op, a, sbx))
    }

    /// luaK_fixline: the last instruction belongs to `line`.
    pub(crate) fn fix_line(&mut self, line: u32) {
        if let Some(l) = self.f.line_info.last_mut() {
            *l = line;
        }
    }

    /// luaK_nil: sets `n` registers from `from` to nil, merging with a
    /// LOADNIL just before (or nothing at function start, where they are nil).
    pub(crate) fn nil(&mut self, from: u32, n: u32) -> Result<(), Error> {
        if self.pc() > self.lasttarget {
            if self.pc() == 0 {
                if from >= self.nactvar {
                    return Ok(());
                }
            } else {
                let pc = self.pc() - 1;
                let previous = self.code_at(pc);
                if get_op(*previous) == OpCode::LoadNil {
                    let pfrom = get_a(*previous);
                    let pto = get_b(*previous);
                    if pfrom <= from && from <= pto + 1 {
                        if from + n - 1 > pto {
                            set_b(previous, from + n - 1);
                        }
                        return Ok(());
                    }
                }
            }
        }
        self.code_abc(OpCode::LoadNil, from, from + n - 1, 0)?;
        Ok(())
    }

    /// luaK_jump: a JMP to be patched; jumps pending to here go along.
    pub(crate) fn jump(&mut self) -> Result<i32, Error> {
        let jpc = self.jpc;
        self.jpc = NO_JUMP;
        let mut j = self.code_asbx(OpCode::Jmp, 0, NO_JUMP)?;
        self.concat(&mut j, jpc)?;
        Ok(j)
    }

    /// luaK_ret: RETURN of `nret` values from `first` (MULTRET: to the top).
    pub(crate) fn ret(&mut self, first: u32, nret: i32) -> Result<(), Error> {
        self.code_abc(OpCode::Return, first, (nret + 1) as u32, 0)?;
        Ok(())
    }

    fn cond_jump(&mut self, op: OpCode, a: u32, b: u32, c: u32) -> Result<i32, Error> {
        self.code_abc(op, a, b, c)?;
        self.jump()
    }

    /// Points the jump at `pc` to `dest`.
    fn fix_jump(&mut self, pc: i32, dest: i32) -> Result<(), Error> {
        let offset = dest - (pc + 1);
        if offset.abs() > MAXARG_SBX {
            return Err(Error::syntax("control structure too long"));
        }
        set_sbx(self.code_at(pc), offset);
        Ok(())
    }

    /// luaK_getlabel: marks the current pc as a jump target.
    pub(crate) fn get_label(&mut self) -> i32 {
        self.lasttarget = self.pc();
        self.pc()
    }

    /// The next entry of the jump list at `pc` (its destination).
    fn get_jump(&self, pc: i32) -> i32 {
        let offset = get_sbx(self.f.code[pc as usize]);
        if offset == NO_JUMP {
            NO_JUMP
        } else {
            pc + 1 + offset
        }
    }

    /// The instruction that controls the jump at `pc` (the test before it, if any).
    fn jump_control_pc(&self, pc: i32) -> i32 {
        if pc >= 1 && op_mode_t(get_op(self.f.code[pc as usize - 1])) {
            pc - 1
        } else {
            pc
        }
    }

    /// Whether some jump of the list does not produce a value (is not a TESTSET).
    fn need_value(&self, mut list: i32) -> bool {
        while list != NO_JUMP {
            let i = self.f.code[self.jump_control_pc(list) as usize];
            if get_op(i) != OpCode::TestSet {
                return true;
            }
            list = self.get_jump(list);
        }
        false
    }

    /// Makes the TESTSET controlling `node` store into `reg`, or turns it into
    /// a TEST when there is no register to store into; false if not a TESTSET.
    fn patch_test_reg(&mut self, node: i32, reg: u32) -> bool {
        let at = self.jump_control_pc(node);
        let i = self.code_at(at);
        if get_op(*i) != OpCode::TestSet {
            return false;
        }
        if reg != NO_REG && reg != get_b(*i) {
            set_a(i, reg);
        } else {
            *i = create_abc(OpCode::Test, get_b(*i), 0, get_c(*i));
        }
        true
    }

    fn remove_values(&mut self, mut list: i32) {
        while list != NO_JUMP {
            self.patch_test_reg(list, NO_REG);
            list = self.get_jump(list);
        }
    }

    /// Points the jumps of `list` to `vtarget` (those producing a value into
    /// `reg`) or `dtarget` (the others).
    fn patch_list_aux(
        &mut self,
        mut list: i32,
        vtarget: i32,
        reg: u32,
        dtarget: i32,
    ) -> Result<(), Error> {
        while list != NO_JUMP {
            let next = self.get_jump(list);
            if self.patch_test_reg(list, reg) {
                self.fix_jump(list, vtarget)?;
            } else {
                self.fix_jump(list, dtarget)?;
            }
            list = next;
        }
        Ok(())
    }

    /// Lands the jumps pending to the current pc on it.
    fn discharge_jpc(&mut self) -> Result<(), Error> {
        let pc = self.pc();
        let jpc = self.jpc;
        self.patch_list_aux(jpc, pc, NO_REG, pc)?;
        self.jpc = NO_JUMP;
        Ok(())
    }

    /// luaK_patchlist: points the jumps of `list` to `target`.
    pub(crate) fn patch_list(&mut self, list: i32, target: i32) -> Result<(), Error> {
        if target == self.pc() {
            self.patch_to_here(list)
        } else {
            self.patch_list_aux(list, target, NO_REG, target)
        }
    }

    /// luaK_patchtohere: points the jumps of `list` to the next instruction.
    pub(crate) fn patch_to_here(&mut self, list: i32) -> Result<(), Error> {
        self.get_label();
        let mut jpc = self.jpc;
        self.concat(&mut jpc, list)?;
        self.jpc = jpc;
        Ok(())
    }

    /// luaK_concat: appends jump list `l2` to `l1`.
    pub(crate) fn concat(&mut self, l1: &mut i32, l2: i32) -> Result<(), Error> {
        if l2 == NO_JUMP {
            return Ok(());
        }
        if *l1 == NO_JUMP {
            *l1 = l2;
            return Ok(());
        }
        let mut list = *l1;
        loop {
            let next = self.get_jump(list);
            if next == NO_JUMP {
                break;
            }
            list = next;
        }
        self.fix_jump(list, l2)
    }

    // ---- registers ----

    /// luaK_checkstack: makes room for `n` more registers.
    pub(crate) fn check_stack(&mut self, n: u32) -> Result<(), Error> {
        let newstack = self.freereg + n;
        if newstack > u32::from(self.f.max_stack_size) {
            if newstack >= MAXSTACK {
                return Err(Error::syntax("function or expression too complex"));
            }
            self.f.max_stack_size = newstack as u8;
        }
        Ok(())
    }

    /// luaK_reserveregs: takes `n` registers.
    pub(crate) fn reserve_regs(&mut self, n: u32) -> Result<(), Error> {
        self.check_stack(n)?;
        self.freereg += n;
        Ok(())
    }

    /// Releases `reg` if it is a temporary (not a constant or a local).
    fn free_reg(&mut self, reg: u32) {
        if !is_k(reg) && reg >= self.nactvar {
            self.freereg -= 1;
        }
    }

    fn free_exp(&mut self, e: &ExpDesc) {
        if e.k == ExpKind::NonReloc {
            self.free_reg(e.info);
        }
    }

    // ---- constants ----

    fn push_k(&mut self, value: Constant) -> Result<u32, Error> {
        let n = self.f.constants.len() as u32;
        if n >= MAXARG_BX {
            return Err(Error::bare("constant table overflow"));
        }
        self.f.constants.push(value);
        Ok(n)
    }

    pub(crate) fn string_k(&mut self, s: &[u8]) -> Result<u32, Error> {
        if let Some(&i) = self.constant_index.strings.get(s) {
            return Ok(i);
        }
        let n = self.push_k(Constant::String(s.into()))?;
        self.constant_index.strings.insert(s.into(), n);
        Ok(n)
    }

    pub(crate) fn number_k(&mut self, r: f64) -> Result<u32, Error> {
        // 0 and -0 are the same table key; the first one stored is kept.
        let bits = if r == 0.0 { 0 } else { r.to_bits() };
        if let Some(&i) = self.constant_index.numbers.get(&bits) {
            return Ok(i);
        }
        let n = self.push_k(Constant::Number(r))?;
        self.constant_index.numbers.insert(bits, n);
        Ok(n)
    }

    fn bool_k(&mut self, b: bool) -> Result<u32, Error> {
        if let Some(i) = self.constant_index.booleans[usize::from(b)] {
            return Ok(i);
        }
        let n = self.push_k(Constant::Boolean(b))?;
        self.constant_index.booleans[usize::from(b)] = Some(n);
        Ok(n)
    }

    fn nil_k(&mut self) -> Result<u32, Error> {
        if let Some(i) = self.constant_index.nil {
            return Ok(i);
        }
        let n = self.push_k(Constant::Nil)?;
        self.constant_index.nil = Some(n);
        Ok(n)
    }

    // ---- expressions ----

    /// luaK_setreturns: makes an open call or `...` produce `nresults` values.
    pub(crate) fn set_returns(&mut self, e: &ExpDesc, nresults: i32) -> Result<(), Error> {
        match e.k {
            ExpKind::Call => set_c(self.instr_mut(e.info), (nresults + 1) as u32),
            ExpKind::Vararg => {
                let freereg = self.freereg;
                let i = self.instr_mut(e.info);
                set_b(i, (nresults + 1) as u32);
                set_a(i, freereg);
                self.reserve_regs(1)?;
            }
            _ => {}
        }
        Ok(())
    }

    pub(crate) fn set_multret(&mut self, e: &ExpDesc) -> Result<(), Error> {
        self.set_returns(e, MULTRET)
    }

    /// luaK_setoneret: makes an open call or `...` produce one value.
    pub(crate) fn set_one_ret(&mut self, e: &mut ExpDesc) {
        match e.k {
            ExpKind::Call => {
                e.k = ExpKind::NonReloc;
                e.info = get_a(self.instr(e.info));
            }
            ExpKind::Vararg => {
                set_b(self.instr_mut(e.info), 2);
                e.k = ExpKind::Relocable;
            }
            _ => {}
        }
    }

    /// luaK_dischargevars: turns a variable into a value (emitting its load).
    pub(crate) fn discharge_vars(&mut self, e: &mut ExpDesc) -> Result<(), Error> {
        match e.k {
            ExpKind::Local => e.k = ExpKind::NonReloc,
            ExpKind::Upval => {
                e.info = self.code_abc(OpCode::GetUpval, 0, e.info, 0)? as u32;
                e.k = ExpKind::Relocable;
            }
            ExpKind::Global => {
                e.info = self.code_abx(OpCode::GetGlobal, 0, e.info)? as u32;
                e.k = ExpKind::Relocable;
            }
            ExpKind::Indexed => {
                self.free_reg(e.aux);
                self.free_reg(e.info);
                e.info = self.code_abc(OpCode::GetTable, 0, e.info, e.aux)? as u32;
                e.k = ExpKind::Relocable;
            }
            ExpKind::Vararg | ExpKind::Call => self.set_one_ret(e),
            _ => {}
        }
        Ok(())
    }

    fn code_label(&mut self, a: u32, b: u32, jump: u32) -> Result<i32, Error> {
        self.get_label();
        self.code_abc(OpCode::LoadBool, a, b, jump)
    }

    /// Puts the value of `e` (jumps aside) into `reg`.
    fn discharge_to_reg(&mut self, e: &mut ExpDesc, reg: u32) -> Result<(), Error> {
        self.discharge_vars(e)?;
        match e.k {
            ExpKind::Nil => self.nil(reg, 1)?,
            ExpKind::False | ExpKind::True => {
                self.code_abc(OpCode::LoadBool, reg, u32::from(e.k == ExpKind::True), 0)?;
            }
            ExpKind::K => {
                self.code_abx(OpCode::LoadK, reg, e.info)?;
            }
            ExpKind::KNum => {
                let k = self.number_k(e.nval)?;
                self.code_abx(OpCode::LoadK, reg, k)?;
            }
            ExpKind::Relocable => set_a(self.instr_mut(e.info), reg),
            ExpKind::NonReloc => {
                if reg != e.info {
                    self.code_abc(OpCode::Move, reg, e.info, 0)?;
                }
            }
            _ => return Ok(()),
        }
        e.info = reg;
        e.k = ExpKind::NonReloc;
        Ok(())
    }

    fn discharge_to_any_reg(&mut self, e: &mut ExpDesc) -> Result<(), Error> {
        if e.k != ExpKind::NonReloc {
            self.reserve_regs(1)?;
            self.discharge_to_reg(e, self.freereg - 1)?;
        }
        Ok(())
    }

    /// Puts the value of `e`, jumps included, into `reg`.
    fn exp_to_reg(&mut self, e: &mut ExpDesc, reg: u32) -> Result<(), Error> {
        self.discharge_to_reg(e, reg)?;
        if e.k == ExpKind::Jmp {
            let mut t = e.t;
            self.concat(&mut t, e.info as i32)?;
            e.t = t;
        }
        if e.has_jumps() {
            let mut p_f = NO_JUMP;
            let mut p_t = NO_JUMP;
            if self.need_value(e.t) || self.need_value(e.f) {
                let fj = if e.k == ExpKind::Jmp {
                    NO_JUMP
                } else {
                    self.jump()?
                };
                p_f = self.code_label(reg, 0, 1)?;
                p_t = self.code_label(reg, 1, 0)?;
                self.patch_to_here(fj)?;
            }
            let final_pc = self.get_label();
            self.patch_list_aux(e.f, final_pc, reg, p_f)?;
            self.patch_list_aux(e.t, final_pc, reg, p_t)?;
        }
        e.f = NO_JUMP;
        e.t = NO_JUMP;
        e.info = reg;
        e.k = ExpKind::NonReloc;
        Ok(())
    }

    /// luaK_exp2nextreg: puts `e` into the next free register.
    pub(crate) fn exp_to_next_reg(&mut self, e: &mut ExpDesc) -> Result<(), Error> {
        self.discharge_vars(e)?;
        self.free_exp(e);
        self.reserve_regs(1)?;
        self.exp_to_reg(e, self.freereg - 1)
    }

    /// luaK_exp2anyreg: puts `e` into some register and returns it.
    pub(crate) fn exp_to_any_reg(&mut self, e: &mut ExpDesc) -> Result<u32, Error> {
        self.discharge_vars(e)?;
        if e.k == ExpKind::NonReloc {
            if !e.has_jumps() {
                return Ok(e.info);
            }
            if e.info >= self.nactvar {
                self.exp_to_reg(e, e.info)?;
                return Ok(e.info);
            }
        }
        self.exp_to_next_reg(e)?;
        Ok(e.info)
    }

    /// luaK_exp2val: makes `e` a value (a register or a constant).
    pub(crate) fn exp_to_val(&mut self, e: &mut ExpDesc) -> Result<(), Error> {
        if e.has_jumps() {
            self.exp_to_any_reg(e)?;
            Ok(())
        } else {
            self.discharge_vars(e)
        }
    }

    /// luaK_exp2RK: `e` as an RK operand (a constant if it fits, else a register).
    pub(crate) fn exp_to_rk(&mut self, e: &mut ExpDesc) -> Result<u32, Error> {
        self.exp_to_val(e)?;
        match e.k {
            ExpKind::KNum | ExpKind::True | ExpKind::False | ExpKind::Nil
                if self.f.constants.len() as u32 <= MAXINDEXRK =>
            {
                e.info = match e.k {
                    ExpKind::Nil => self.nil_k()?,
                    ExpKind::KNum => self.number_k(e.nval)?,
                    _ => self.bool_k(e.k == ExpKind::True)?,
                };
                e.k = ExpKind::K;
                return Ok(rk_as_k(e.info));
            }
            ExpKind::K if e.info <= MAXINDEXRK => return Ok(rk_as_k(e.info)),
            _ => {}
        }
        self.exp_to_any_reg(e)
    }

    /// luaK_storevar: assigns `ex` to the variable `var`.
    pub(crate) fn store_var(&mut self, var: &ExpDesc, ex: &mut ExpDesc) -> Result<(), Error> {
        match var.k {
            ExpKind::Local => {
                self.free_exp(ex);
                return self.exp_to_reg(ex, var.info);
            }
            ExpKind::Upval => {
                let e = self.exp_to_any_reg(ex)?;
                self.code_abc(OpCode::SetUpval, e, var.info, 0)?;
            }
            ExpKind::Global => {
                let e = self.exp_to_any_reg(ex)?;
                self.code_abx(OpCode::SetGlobal, e, var.info)?;
            }
            ExpKind::Indexed => {
                let e = self.exp_to_rk(ex)?;
                self.code_abc(OpCode::SetTable, var.info, var.aux, e)?;
            }
            _ => {}
        }
        self.free_exp(ex);
        Ok(())
    }

    /// luaK_self: `e:key` as SELF (the method and `e` in two registers).
    pub(crate) fn self_op(&mut self, e: &mut ExpDesc, key: &mut ExpDesc) -> Result<(), Error> {
        self.exp_to_any_reg(e)?;
        self.free_exp(e);
        let func = self.freereg;
        self.reserve_regs(2)?;
        let k = self.exp_to_rk(key)?;
        self.code_abc(OpCode::SelfOp, func, e.info, k)?;
        self.free_exp(key);
        e.info = func;
        e.k = ExpKind::NonReloc;
        Ok(())
    }

    fn invert_jump(&mut self, e: &ExpDesc) {
        let at = self.jump_control_pc(e.info as i32);
        let i = self.code_at(at);
        let a = get_a(*i);
        set_a(i, u32::from(a == 0));
    }

    /// A jump taken when `e` tests as `cond`.
    fn jump_on_cond(&mut self, e: &mut ExpDesc, cond: bool) -> Result<i32, Error> {
        if e.k == ExpKind::Relocable {
            let ie = self.instr(e.info);
            if get_op(ie) == OpCode::Not {
                // Remove the NOT and test its operand the other way.
                self.f.code.pop();
                self.f.line_info.pop();
                return self.cond_jump(OpCode::Test, get_b(ie), 0, u32::from(!cond));
            }
        }
        self.discharge_to_any_reg(e)?;
        self.free_exp(e);
        self.cond_jump(OpCode::TestSet, NO_REG, e.info, u32::from(cond))
    }

    /// luaK_goiftrue: falls through when `e` is true, jumps (list `f`) otherwise.
    pub(crate) fn go_if_true(&mut self, e: &mut ExpDesc) -> Result<(), Error> {
        self.discharge_vars(e)?;
        let pc = match e.k {
            // Lua 5.1.5 drops 5.1.4's `false` shortcut here (and `true`'s
            // in go_if_false): a constant condition is tested at run time.
            ExpKind::K | ExpKind::KNum | ExpKind::True => NO_JUMP,
            ExpKind::Jmp => {
                self.invert_jump(e);
                e.info as i32
            }
            _ => self.jump_on_cond(e, false)?,
        };
        let mut f = e.f;
        self.concat(&mut f, pc)?;
        e.f = f;
        self.patch_to_here(e.t)?;
        e.t = NO_JUMP;
        Ok(())
    }

    /// Falls through when `e` is false, jumps (list `t`) otherwise.
    fn go_if_false(&mut self, e: &mut ExpDesc) -> Result<(), Error> {
        self.discharge_vars(e)?;
        let pc = match e.k {
            ExpKind::Nil | ExpKind::False => NO_JUMP,
            ExpKind::Jmp => e.info as i32,
            _ => self.jump_on_cond(e, true)?,
        };
        let mut t = e.t;
        self.concat(&mut t, pc)?;
        e.t = t;
        self.patch_to_here(e.f)?;
        e.f = NO_JUMP;
        Ok(())
    }

    fn code_not(&mut self, e: &mut ExpDesc) -> Result<(), Error> {
        self.discharge_vars(e)?;
        match e.k {
            ExpKind::Nil | ExpKind::False => e.k = ExpKind::True,
            ExpKind::K | ExpKind::KNum | ExpKind::True => e.k = ExpKind::False,
            ExpKind::Jmp => self.invert_jump(e),
            ExpKind::Relocable | ExpKind::NonReloc => {
                self.discharge_to_any_reg(e)?;
                self.free_exp(e);
                e.info = self.code_abc(OpCode::Not, 0, e.info, 0)? as u32;
                e.k = ExpKind::Relocable;
            }
            _ => {}
        }
        std::mem::swap(&mut e.f, &mut e.t);
        self.remove_values(e.f);
        self.remove_values(e.t);
        Ok(())
    }

    /// luaK_indexed: `t[k]`.
    pub(crate) fn indexed(&mut self, t: &mut ExpDesc, k: &mut ExpDesc) -> Result<(), Error> {
        t.aux = self.exp_to_rk(k)?;
        t.k = ExpKind::Indexed;
        Ok(())
    }

    fn code_arith(&mut self, op: OpCode, e1: &mut ExpDesc, e2: &mut ExpDesc) -> Result<(), Error> {
        if const_folding(op, e1, e2) {
            return Ok(());
        }
        let o2 = if op != OpCode::Unm && op != OpCode::Len {
            self.exp_to_rk(e2)?
        } else {
            0
        };
        let o1 = self.exp_to_rk(e1)?;
        if o1 > o2 {
            self.free_exp(e1);
            self.free_exp(e2);
        } else {
            self.free_exp(e2);
            self.free_exp(e1);
        }
        e1.info = self.code_abc(op, 0, o1, o2)? as u32;
        e1.k = ExpKind::Relocable;
        Ok(())
    }

    fn code_comp(
        &mut self,
        op: OpCode,
        cond: bool,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
    ) -> Result<(), Error> {
        let mut o1 = self.exp_to_rk(e1)?;
        let mut o2 = self.exp_to_rk(e2)?;
        self.free_exp(e2);
        self.free_exp(e1);
        let mut cond = cond;
        if !cond && op != OpCode::Eq {
            std::mem::swap(&mut o1, &mut o2);
            cond = true;
        }
        e1.info = self.cond_jump(op, u32::from(cond), o1, o2)? as u32;
        e1.k = ExpKind::Jmp;
        Ok(())
    }

    /// luaK_prefix: applies a unary operator.
    pub(crate) fn prefix(&mut self, op: UnOpr, e: &mut ExpDesc) -> Result<(), Error> {
        let mut e2 = ExpDesc::number(0.0);
        match op {
            UnOpr::Minus => {
                if !e.is_numeral() {
                    self.exp_to_any_reg(e)?;
                }
                self.code_arith(OpCode::Unm, e, &mut e2)
            }
            UnOpr::Not => self.code_not(e),
            UnOpr::Len => {
                self.exp_to_any_reg(e)?;
                self.code_arith(OpCode::Len, e, &mut e2)
            }
        }
    }

    /// luaK_infix: prepares the left operand before the right one is read.
    pub(crate) fn infix(&mut self, op: BinOpr, v: &mut ExpDesc) -> Result<(), Error> {
        match op {
            BinOpr::And => self.go_if_true(v),
            BinOpr::Or => self.go_if_false(v),
            BinOpr::Concat => self.exp_to_next_reg(v),
            BinOpr::Add | BinOpr::Sub | BinOpr::Mul | BinOpr::Div | BinOpr::Mod | BinOpr::Pow => {
                if !v.is_numeral() {
                    self.exp_to_rk(v)?;
                }
                Ok(())
            }
            _ => {
                self.exp_to_rk(v)?;
                Ok(())
            }
        }
    }

    /// luaK_posfix: applies a binary operator to both operands.
    pub(crate) fn posfix(
        &mut self,
        op: BinOpr,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
    ) -> Result<(), Error> {
        match op {
            BinOpr::And => {
                self.discharge_vars(e2)?;
                let mut f = e2.f;
                self.concat(&mut f, e1.f)?;
                e2.f = f;
                *e1 = *e2;
                Ok(())
            }
            BinOpr::Or => {
                self.discharge_vars(e2)?;
                let mut t = e2.t;
                self.concat(&mut t, e1.t)?;
                e2.t = t;
                *e1 = *e2;
                Ok(())
            }
            BinOpr::Concat => {
                self.exp_to_val(e2)?;
                if e2.k == ExpKind::Relocable && get_op(self.instr(e2.info)) == OpCode::Concat {
                    self.free_exp(e1);
                    set_b(self.instr_mut(e2.info), e1.info);
                    e1.k = ExpKind::Relocable;
                    e1.info = e2.info;
                    Ok(())
                } else {
                    self.exp_to_next_reg(e2)?;
                    self.code_arith(OpCode::Concat, e1, e2)
                }
            }
            BinOpr::Add => self.code_arith(OpCode::Add, e1, e2),
            BinOpr::Sub => self.code_arith(OpCode::Sub, e1, e2),
            BinOpr::Mul => self.code_arith(OpCode::Mul, e1, e2),
            BinOpr::Div => self.code_arith(OpCode::Div, e1, e2),
            BinOpr::Mod => self.code_arith(OpCode::Mod, e1, e2),
            BinOpr::Pow => self.code_arith(OpCode::Pow, e1, e2),
            BinOpr::Eq => self.code_comp(OpCode::Eq, true, e1, e2),
            BinOpr::Ne => self.code_comp(OpCode::Eq, false, e1, e2),
            BinOpr::Lt => self.code_comp(OpCode::Lt, true, e1, e2),
            BinOpr::Le => self.code_comp(OpCode::Le, true, e1, e2),
            BinOpr::Gt => self.code_comp(OpCode::Lt, false, e1, e2),
            BinOpr::Ge => self.code_comp(OpCode::Le, false, e1, e2),
        }
    }

    /// luaK_setlist: stores `tostore` list items (MULTRET: up to the top)
    /// from the registers after `base` into the table at `base`.
    pub(crate) fn set_list(&mut self, base: u32, nelems: u32, tostore: i32) -> Result<(), Error> {
        let c = (nelems.saturating_sub(1)) / crate::opcode::LFIELDS_PER_FLUSH + 1;
        let b = if tostore == MULTRET {
            0
        } else {
            tostore as u32
        };
        if c <= MAXARG_C {
            self.code_abc(OpCode::SetList, base, b, c)?;
        } else {
            self.code_abc(OpCode::SetList, base, b, 0)?;
            self.code(c)?;
        }
        self.freereg = base + 1;
        Ok(())
    }
}

/// lcode.c's constfolding: folds arithmetic on two numerals, except when
/// the result would be NaN or the operation a division or modulo by zero.
fn const_folding(op: OpCode, e1: &mut ExpDesc, e2: &ExpDesc) -> bool {
    if !e1.is_numeral() || !e2.is_numeral() {
        return false;
    }
    let (v1, v2) = (e1.nval, e2.nval);
    let r = match op {
        OpCode::Add => v1 + v2,
        OpCode::Sub => v1 - v2,
        OpCode::Mul => v1 * v2,
        OpCode::Div if v2 != 0.0 => v1 / v2,
        OpCode::Mod if v2 != 0.0 => v1 - (v1 / v2).floor() * v2,
        OpCode::Pow => v1.powf(v2),
        OpCode::Unm => -v1,
        _ => return false,
    };
    if r.is_nan() {
        return false;
    }
    e1.nval = r;
    true
}
