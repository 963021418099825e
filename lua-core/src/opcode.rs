//! The instruction set: Lua 5.1's, encoded exactly as lopcodes.h encodes it.
//!
//! Keeping PUC-Rio's encoding lets the error machinery name variables the way
//! lua5.1 does (by symbolic execution of the bytecode, as ldebug.c does) and
//! keeps the code generator's rules (registers, RK operands, jump lists)
//! those of lcode.c, which are known to be right.
//!
//! Layout of a 32-bit instruction (least significant bits first):
//! `OP` 6 bits, `A` 8 bits, `C` 9 bits, `B` 9 bits; `Bx` is `B` and `C`
//! together (18 bits, unsigned) and `sBx` is `Bx - MAXARG_SBX`.

/// One encoded instruction.
pub type Instruction = u32;

pub const SIZE_OP: u32 = 6;
pub const SIZE_A: u32 = 8;
pub const SIZE_B: u32 = 9;
pub const SIZE_C: u32 = 9;
pub const SIZE_BX: u32 = SIZE_B + SIZE_C;

pub const POS_OP: u32 = 0;
pub const POS_A: u32 = POS_OP + SIZE_OP;
pub const POS_C: u32 = POS_A + SIZE_A;
pub const POS_B: u32 = POS_C + SIZE_C;
pub const POS_BX: u32 = POS_C;

pub const MAXARG_A: u32 = (1 << SIZE_A) - 1;
pub const MAXARG_B: u32 = (1 << SIZE_B) - 1;
pub const MAXARG_C: u32 = (1 << SIZE_C) - 1;
pub const MAXARG_BX: u32 = (1 << SIZE_BX) - 1;
pub const MAXARG_SBX: i32 = (MAXARG_BX >> 1) as i32;

/// Bit that marks an RK operand (B or C) as a constant index rather than a register.
pub const BITRK: u32 = 1 << (SIZE_B - 1);
/// Largest constant index that fits in an RK operand.
pub const MAXINDEXRK: u32 = BITRK - 1;

/// Number of list items to accumulate before a SETLIST instruction.
pub const LFIELDS_PER_FLUSH: u32 = 50;

/// Registers a function may use (lua5.1's MAXSTACK).
pub const MAXSTACK: u32 = 250;

/// The 38 opcodes of Lua 5.1, in lopcodes.h order (the numbering is part of
/// the binary chunk format written by `string.dump`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum OpCode {
    /// A B: R(A) := R(B)
    Move = 0,
    /// A Bx: R(A) := Kst(Bx)
    LoadK,
    /// A B C: R(A) := (Bool)B; if (C) pc++
    LoadBool,
    /// A B: R(A) := ... := R(B) := nil
    LoadNil,
    /// A B: R(A) := UpValue[B]
    GetUpval,
    /// A Bx: R(A) := Gbl[Kst(Bx)]
    GetGlobal,
    /// A B C: R(A) := R(B)[RK(C)]
    GetTable,
    /// A Bx: Gbl[Kst(Bx)] := R(A)
    SetGlobal,
    /// A B: UpValue[B] := R(A)
    SetUpval,
    /// A B C: R(A)[RK(B)] := RK(C)
    SetTable,
    /// A B C: R(A) := {} (size = B,C, each a "floating point byte")
    NewTable,
    /// A B C: R(A+1) := R(B); R(A) := R(B)[RK(C)]
    SelfOp,
    /// A B C: R(A) := RK(B) + RK(C)
    Add,
    /// A B C: R(A) := RK(B) - RK(C)
    Sub,
    /// A B C: R(A) := RK(B) * RK(C)
    Mul,
    /// A B C: R(A) := RK(B) / RK(C)
    Div,
    /// A B C: R(A) := RK(B) % RK(C)
    Mod,
    /// A B C: R(A) := RK(B) ^ RK(C)
    Pow,
    /// A B: R(A) := -R(B)
    Unm,
    /// A B: R(A) := not R(B)
    Not,
    /// A B: R(A) := length of R(B)
    Len,
    /// A B C: R(A) := R(B).. ... ..R(C)
    Concat,
    /// sBx: pc += sBx
    Jmp,
    /// A B C: if ((RK(B) == RK(C)) ~= A) then pc++
    Eq,
    /// A B C: if ((RK(B) < RK(C)) ~= A) then pc++
    Lt,
    /// A B C: if ((RK(B) <= RK(C)) ~= A) then pc++
    Le,
    /// A C: if not (R(A) <=> C) then pc++
    Test,
    /// A B C: if (R(B) <=> C) then R(A) := R(B) else pc++
    TestSet,
    /// A B C: R(A), ... ,R(A+C-2) := R(A)(R(A+1), ... ,R(A+B-1))
    Call,
    /// A B C: return R(A)(R(A+1), ... ,R(A+B-1))
    TailCall,
    /// A B: return R(A), ... ,R(A+B-2)
    Return,
    /// A sBx: R(A) += R(A+2); if R(A) <?= R(A+1) then { pc += sBx; R(A+3) = R(A) }
    ForLoop,
    /// A sBx: R(A) -= R(A+2); pc += sBx
    ForPrep,
    /// A C: R(A+3), ... ,R(A+2+C) := R(A)(R(A+1), R(A+2)); if R(A+3) ~= nil then R(A+2) = R(A+3) else pc++
    TForLoop,
    /// A B C: R(A)[(C-1)*FPF+i] := R(A+i), 1 <= i <= B
    SetList,
    /// A: close all variables in the stack up to (>=) R(A)
    Close,
    /// A Bx: R(A) := closure(KPROTO[Bx], R(A), ... ,R(A+n))
    Closure,
    /// A B: R(A), R(A+1), ..., R(A+B-1) = vararg
    VarArg,
}

/// Number of opcodes.
pub const NUM_OPCODES: usize = OpCode::VarArg as usize + 1;

const ALL_OPCODES: [OpCode; NUM_OPCODES] = [
    OpCode::Move,
    OpCode::LoadK,
    OpCode::LoadBool,
    OpCode::LoadNil,
    OpCode::GetUpval,
    OpCode::GetGlobal,
    OpCode::GetTable,
    OpCode::SetGlobal,
    OpCode::SetUpval,
    OpCode::SetTable,
    OpCode::NewTable,
    OpCode::SelfOp,
    OpCode::Add,
    OpCode::Sub,
    OpCode::Mul,
    OpCode::Div,
    OpCode::Mod,
    OpCode::Pow,
    OpCode::Unm,
    OpCode::Not,
    OpCode::Len,
    OpCode::Concat,
    OpCode::Jmp,
    OpCode::Eq,
    OpCode::Lt,
    OpCode::Le,
    OpCode::Test,
    OpCode::TestSet,
    OpCode::Call,
    OpCode::TailCall,
    OpCode::Return,
    OpCode::ForLoop,
    OpCode::ForPrep,
    OpCode::TForLoop,
    OpCode::SetList,
    OpCode::Close,
    OpCode::Closure,
    OpCode::VarArg,
];

impl OpCode {
    /// The opcode with number `n`, if there is one (used when verifying binary chunks).
    pub fn from_u8(n: u8) -> Option<OpCode> {
        ALL_OPCODES.get(n as usize).copied()
    }

    /// The opcode's name as `luac -l` prints it.
    pub fn name(self) -> &'static str {
        const NAMES: [&str; NUM_OPCODES] = [
            "MOVE",
            "LOADK",
            "LOADBOOL",
            "LOADNIL",
            "GETUPVAL",
            "GETGLOBAL",
            "GETTABLE",
            "SETGLOBAL",
            "SETUPVAL",
            "SETTABLE",
            "NEWTABLE",
            "SELF",
            "ADD",
            "SUB",
            "MUL",
            "DIV",
            "MOD",
            "POW",
            "UNM",
            "NOT",
            "LEN",
            "CONCAT",
            "JMP",
            "EQ",
            "LT",
            "LE",
            "TEST",
            "TESTSET",
            "CALL",
            "TAILCALL",
            "RETURN",
            "FORLOOP",
            "FORPREP",
            "TFORLOOP",
            "SETLIST",
            "CLOSE",
            "CLOSURE",
            "VARARG",
        ];
        NAMES[self as usize]
    }
}

/// The opcode of an instruction. Instructions are only built by the code
/// generator or by the binary-chunk verifier, so the opcode field is always valid;
/// an out-of-range value maps to `Move` rather than panicking.
#[inline(always)]
pub fn get_op(i: Instruction) -> OpCode {
    // A table of all 64 field values: the lookup needs no range check, and
    // the dispatch's jump table none either.
    OPCODES[(i & 0x3f) as usize]
}

/// [`get_op`]'s table: each 6-bit opcode field's opcode.
const OPCODES: [OpCode; 64] = {
    let mut table = [OpCode::Move; 64];
    let mut field = 0;
    while field < 64 {
        table[field] = opcode_of_field(field as u32);
        field += 1;
    }
    table
};

/// The opcode numbered `field` (`Move` past the last).
const fn opcode_of_field(field: u32) -> OpCode {
    match field {
        1 => OpCode::LoadK,
        2 => OpCode::LoadBool,
        3 => OpCode::LoadNil,
        4 => OpCode::GetUpval,
        5 => OpCode::GetGlobal,
        6 => OpCode::GetTable,
        7 => OpCode::SetGlobal,
        8 => OpCode::SetUpval,
        9 => OpCode::SetTable,
        10 => OpCode::NewTable,
        11 => OpCode::SelfOp,
        12 => OpCode::Add,
        13 => OpCode::Sub,
        14 => OpCode::Mul,
        15 => OpCode::Div,
        16 => OpCode::Mod,
        17 => OpCode::Pow,
        18 => OpCode::Unm,
        19 => OpCode::Not,
        20 => OpCode::Len,
        21 => OpCode::Concat,
        22 => OpCode::Jmp,
        23 => OpCode::Eq,
        24 => OpCode::Lt,
        25 => OpCode::Le,
        26 => OpCode::Test,
        27 => OpCode::TestSet,
        28 => OpCode::Call,
        29 => OpCode::TailCall,
        30 => OpCode::Return,
        31 => OpCode::ForLoop,
        32 => OpCode::ForPrep,
        33 => OpCode::TForLoop,
        34 => OpCode::SetList,
        35 => OpCode::Close,
        36 => OpCode::Closure,
        37 => OpCode::VarArg,
        _ => OpCode::Move,
    }
}

#[inline(always)]
pub fn get_a(i: Instruction) -> u32 {
    (i >> POS_A) & MAXARG_A
}

#[inline(always)]
pub fn get_b(i: Instruction) -> u32 {
    (i >> POS_B) & MAXARG_B
}

#[inline(always)]
pub fn get_c(i: Instruction) -> u32 {
    (i >> POS_C) & MAXARG_C
}

#[inline(always)]
pub fn get_bx(i: Instruction) -> u32 {
    (i >> POS_BX) & MAXARG_BX
}

#[inline(always)]
pub fn get_sbx(i: Instruction) -> i32 {
    get_bx(i) as i32 - MAXARG_SBX
}

/// Whether an RK operand names a constant.
#[inline(always)]
pub fn is_k(x: u32) -> bool {
    x & BITRK != 0
}

/// The constant index of an RK operand that names a constant.
#[inline(always)]
pub fn index_k(x: u32) -> u32 {
    x & !BITRK
}

/// Encodes constant index `k` as an RK operand.
#[inline(always)]
pub fn rk_as_k(k: u32) -> u32 {
    k | BITRK
}

pub fn create_abc(op: OpCode, a: u32, b: u32, c: u32) -> Instruction {
    (op as u32) << POS_OP | a << POS_A | b << POS_B | c << POS_C
}

pub fn create_abx(op: OpCode, a: u32, bx: u32) -> Instruction {
    (op as u32) << POS_OP | a << POS_A | bx << POS_BX
}

pub fn create_asbx(op: OpCode, a: u32, sbx: i32) -> Instruction {
    create_abx(op, a, (sbx + MAXARG_SBX) as u32)
}

pub fn set_a(i: &mut Instruction, a: u32) {
    *i = (*i & !(MAXARG_A << POS_A)) | (a << POS_A);
}

pub fn set_b(i: &mut Instruction, b: u32) {
    *i = (*i & !(MAXARG_B << POS_B)) | (b << POS_B);
}

pub fn set_c(i: &mut Instruction, c: u32) {
    *i = (*i & !(MAXARG_C << POS_C)) | (c << POS_C);
}

pub fn set_bx(i: &mut Instruction, bx: u32) {
    *i = (*i & !(MAXARG_BX << POS_BX)) | (bx << POS_BX);
}

pub fn set_sbx(i: &mut Instruction, sbx: i32) {
    set_bx(i, (sbx + MAXARG_SBX) as u32);
}

/// Converts an integer to a "floating point byte" (lobject.c `luaO_int2fb`),
/// the encoding NEWTABLE uses for its size hints.
pub fn int_to_fb(mut x: u32) -> u32 {
    let mut e = 0;
    while x >= 16 {
        x = (x + 1) >> 1;
        e += 1;
    }
    if x < 8 {
        x
    } else {
        ((e + 1) << 3) | (x - 8)
    }
}

/// Inverse of [`int_to_fb`] (lobject.c `luaO_fb2int`).
pub fn fb_to_int(x: u32) -> u32 {
    let e = (x >> 3) & 31;
    if e == 0 {
        x
    } else {
        ((x & 7) + 8) << (e - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip() {
        let i = create_abc(OpCode::Add, 7, rk_as_k(3), 255);
        assert_eq!(get_op(i), OpCode::Add);
        assert_eq!(get_a(i), 7);
        assert!(is_k(get_b(i)));
        assert_eq!(index_k(get_b(i)), 3);
        assert_eq!(get_c(i), 255);
        let j = create_asbx(OpCode::Jmp, 0, -5);
        assert_eq!(get_sbx(j), -5);
        let mut k = create_asbx(OpCode::ForLoop, 1, 0);
        set_sbx(&mut k, 1000);
        assert_eq!(get_sbx(k), 1000);
        assert_eq!(get_a(k), 1);
    }

    #[test]
    fn every_opcode_decodes_to_itself() {
        for n in 0..NUM_OPCODES as u32 {
            let op = OpCode::from_u8(n as u8).expect("valid opcode number");
            assert_eq!(get_op(create_abc(op, 1, 2, 3)), op);
        }
        assert_eq!(get_op(63), OpCode::Move);
    }

    #[test]
    fn floating_point_bytes() {
        for n in [0, 1, 7, 8, 15, 16, 17, 100, 1000, 65536] {
            assert!(fb_to_int(int_to_fb(n)) >= n);
        }
        assert_eq!(int_to_fb(100), 0x25);
        assert_eq!(fb_to_int(int_to_fb(8)), 8);
    }
}
