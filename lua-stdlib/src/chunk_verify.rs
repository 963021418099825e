//! The bytecode verifier for binary chunks: ldebug.c's `luaG_checkcode`
//! (precheck and symbexec's checks), plus what redmoon's VM relies on that
//! 5.1 does not check, so every instruction of a loaded function reads and
//! writes only registers, constants, upvalues and prototypes that exist.

use lua_core::compiler::{op_mode, Arg, Mode};
use lua_core::opcode::{
    fb_to_int, get_a, get_b, get_bx, get_c, get_sbx, index_k, is_k, Instruction, OpCode, MAXSTACK,
};
use lua_core::proto::{Constant, Proto, VARARG_HASARG, VARARG_ISVARARG, VARARG_NEEDSARG};

/// Largest table size a NEWTABLE may preallocate (a source constructor
/// never comes near; a hostile one must not make the VM allocate gigabytes).
const MAX_PREALLOCATION: u32 = 1 << 24;

/// Largest SETLIST block number in an extra instruction word (50 items each).
const MAX_SETLIST_BLOCK: u32 = 1 << 16;

/// Whether `p`'s header fields and code are consistent (nested prototypes
/// are checked when they are read).
pub fn valid(p: &Proto) -> bool {
    precheck(p) && check_code(p).is_some()
}

/// ldebug.c `precheck`.
fn precheck(p: &Proto) -> bool {
    let max = u32::from(p.max_stack_size);
    max <= MAXSTACK
        && u32::from(p.num_params) + u32::from(p.is_vararg & VARARG_HASARG) <= max
        && (p.is_vararg & VARARG_NEEDSARG == 0 || p.is_vararg & VARARG_HASARG != 0)
        && (p.upvalue_names.is_empty() || p.upvalue_names.len() == usize::from(p.num_upvalues))
        && (p.line_info.is_empty() || p.line_info.len() == p.code.len())
        && p.code.last().map(|&i| op(i)) == Some(Some(OpCode::Return))
}

fn op(i: Instruction) -> Option<OpCode> {
    OpCode::from_u8((i & 0x3f) as u8)
}

/// `checkopenop`: the instruction after one that leaves its results open
/// (a CALL or VARARG producing "all" values) must consume them, and with
/// redmoon's stack discipline its register must not be above the producer's.
fn consumes_open(p: &Proto, pc: usize, producer_a: u32) -> Option<()> {
    let next = *p.code.get(pc + 1)?;
    let (a, b) = (get_a(next), get_b(next));
    let ok = match op(next)? {
        OpCode::Call | OpCode::TailCall | OpCode::SetList => b == 0 && a < producer_a,
        OpCode::Return => b == 0 && a <= producer_a,
        _ => false,
    };
    ok.then_some(())
}

fn check(cond: bool) -> Option<()> {
    cond.then_some(())
}

/// symbexec in checking mode: every instruction's operands are in range.
fn check_code(p: &Proto) -> Option<()> {
    let size = p.code.len();
    let max = u32::from(p.max_stack_size);
    let nk = p.constants.len() as u32;
    let reg = |r: u32| check(r < max);
    let arg = |r: u32, kind: &Arg| match kind {
        Arg::N => check(r == 0),
        Arg::U => Some(()),
        Arg::R => reg(r),
        Arg::K => check(if is_k(r) { index_k(r) < nk } else { r < max }),
    };
    let mut pc = 0;
    while pc < size {
        let i = p.code[pc];
        let o = op(i)?;
        let (a, b, c) = (get_a(i), get_b(i), get_c(i));
        reg(a)?;
        let (mode, bmode, cmode) = op_mode(o);
        match mode {
            Mode::Abc => {
                arg(b, &bmode)?;
                arg(c, &cmode)?;
            }
            Mode::Abx => {
                if bmode == Arg::K {
                    check(get_bx(i) < nk)?;
                }
            }
            Mode::Asbx => {
                let dest = pc as i64 + 1 + i64::from(get_sbx(i));
                check(0 <= dest && (dest as usize) < size)?;
                check(!lands_on_setlist_count(p, dest as usize))?;
            }
        }
        if matches!(
            o,
            OpCode::Eq
                | OpCode::Lt
                | OpCode::Le
                | OpCode::Test
                | OpCode::TestSet
                | OpCode::TForLoop
        ) {
            check(pc + 2 < size)?;
            check(op(p.code[pc + 1])? == OpCode::Jmp)?;
        }
        match o {
            OpCode::LoadBool if c == 1 => {
                check(pc + 2 < size)?;
                check(!is_setlist_with_count(p.code[pc + 1]))?;
            }
            OpCode::GetUpval | OpCode::SetUpval => check(b < u32::from(p.num_upvalues))?,
            OpCode::GetGlobal | OpCode::SetGlobal => {
                check(matches!(
                    p.constants.get(get_bx(i) as usize),
                    Some(Constant::String(_))
                ))?;
            }
            OpCode::NewTable => {
                check(fb_to_int(b) <= MAX_PREALLOCATION && fb_to_int(c) <= MAX_PREALLOCATION)?;
            }
            OpCode::SelfOp => reg(a + 1)?,
            OpCode::Concat => check(b < c)?,
            OpCode::TForLoop => {
                check(c >= 1)?;
                reg(a + 2 + c)?;
            }
            OpCode::ForLoop | OpCode::ForPrep => reg(a + 3)?,
            OpCode::Call | OpCode::TailCall => {
                if b != 0 {
                    reg(a + b - 1)?;
                }
                if c == 0 {
                    consumes_open(p, pc, a)?;
                } else if c > 1 {
                    reg(a + c - 2)?;
                }
            }
            OpCode::Return if b > 1 => reg(a + b - 2)?,
            OpCode::SetList => {
                if b > 0 {
                    reg(a + b)?;
                }
                if c == 0 {
                    pc += 1;
                    check(pc < size - 1)?;
                    check((1..=MAX_SETLIST_BLOCK).contains(&p.code[pc]))?;
                }
            }
            OpCode::Closure => {
                let child = p.protos.get(get_bx(i) as usize)?;
                let nup = usize::from(child.num_upvalues);
                check(pc + nup < size)?;
                for j in 1..=nup {
                    check(matches!(
                        op(p.code[pc + j])?,
                        OpCode::GetUpval | OpCode::Move
                    ))?;
                }
            }
            OpCode::VarArg => {
                check(p.is_vararg & VARARG_ISVARARG != 0 && p.is_vararg & VARARG_NEEDSARG == 0)?;
                if b == 0 {
                    consumes_open(p, pc, a)?;
                } else if b > 1 {
                    reg(a + b - 2)?;
                }
            }
            _ => {}
        }
        pc += 1;
    }
    Some(())
}

/// A SETLIST whose block number is in the next instruction word.
fn is_setlist_with_count(i: Instruction) -> bool {
    op(i) == Some(OpCode::SetList) && get_c(i) == 0
}

/// Whether `dest` is the count word of a SETLIST: counting back over words
/// that look like such SETLISTs, an odd run means the word before `dest` is
/// a real one (ldebug.c's reasoning).
fn lands_on_setlist_count(p: &Proto, dest: usize) -> bool {
    let run = (0..dest)
        .take_while(|&j| is_setlist_with_count(p.code[dest - 1 - j]))
        .count();
    run % 2 == 1
}
