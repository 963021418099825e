//! LuaBitOp arithmetic against replies recorded from redis-server 7.0.15
//! (conformance/redis-libs/bit.json).
use lua_stdlib::bit::{bnot, bswap, tobit, tohex, Fold, Shift};

#[test]
fn tobit_tohex_bnot_match_recorded_replies() {
    let cases: &[(f64, i32, &str)] = &[
        (0.0, 0, "00000000"),
        (-1.0, -1, "ffffffff"),
        (2f64.powi(31), i32::MIN, "80000000"),
        (-(2f64.powi(31)) - 1.0, i32::MAX, "7fffffff"),
        (2f64.powi(32) + 1.0, 1, "00000001"),
        (4294967295.0, -1, "ffffffff"),
        (2f64.powi(52), 0, "00000000"),
        (-(2f64.powi(53)), 0, "00000000"),
        (2f64.powi(63), 0, "00000000"),
        (1.5, 2, "00000002"),
        (-1.5, -2, "fffffffe"),
        (2.5, 2, "00000002"),
        (-0.5, 0, "00000000"),
        (1e20, 2025163840, "78b58c40"),
        (f64::NAN, 0, "00000000"),
        (f64::INFINITY, 0, "00000000"),
        (12345678901.0, -539222987, "dfdc1c35"),
    ];
    for &(n, bit, hex) in cases {
        assert_eq!(tobit(n), bit, "tobit({n})");
        assert_eq!(tohex(tobit(n), 8), hex, "tohex({n})");
        assert_eq!(bnot(tobit(n)), !bit, "bnot({n})");
    }
}

#[test]
fn tohex_widths_and_case() {
    let x = tobit(0x1234abcd as f64);
    let widths: &[(f64, &str)] = &[
        (0.0, ""),
        (1.0, "d"),
        (7.0, "234abcd"),
        (9.0, "1234abcd"),
        (-4.0, "ABCD"),
        (-9.0, "1234ABCD"),
        (2f64.powi(31), "1234ABCD"),
        (-2147483648.0, "1234ABCD"),
        (2147483647.0, "1234abcd"),
        (2f64.powi(32) + 2.0, "cd"),
    ];
    for &(n, want) in widths {
        assert_eq!(tohex(x, tobit(n)), want, "tohex(0x1234abcd, {n})");
    }
    assert_eq!(tohex(65535, i32::MIN), "0000FFFF");
    assert_eq!(tohex(65535, 7), "000ffff");
}

#[test]
fn folds_match_recorded_replies() {
    let t = |n: f64| tobit(n);
    assert_eq!(Fold::And.apply(t(-1.0), [t(252645135.0)]), 252645135);
    assert_eq!(Fold::Xor.apply(t(-1.0), [t(252645135.0)]), -252645136);
    assert_eq!(Fold::And.apply(t(1.5), [t(2.5)]), 2);
    assert_eq!(Fold::Xor.apply(t(1.5), [t(2.5)]), 0);
    assert_eq!(
        Fold::And.apply(t(12345678901.0), [t(98765432109.0)]),
        -557841371
    );
    assert_eq!(
        Fold::Or.apply(t(12345678901.0), [t(98765432109.0)]),
        -197315
    );
    assert_eq!(
        Fold::Xor.apply(t(12345678901.0), [t(98765432109.0)]),
        557644056
    );
    assert_eq!(Fold::Xor.apply(0xff, [0x0f, 0x3c, 0x11, -1]), -222);
    assert_eq!(Fold::Or.apply(-5, []), -5);
}

#[test]
fn shifts_and_rotations_match_recorded_replies() {
    // First values of the recorded loops over counts {0,1,4,...}: x = 1, -256, 0x87654321.
    let c = tobit(0x87654321u32 as f64);
    assert_eq!(c, -2023406815);
    assert_eq!(Shift::Left.apply(-256, 1), -512);
    assert_eq!(Shift::Left.apply(c, 1), 248153666);
    assert_eq!(Shift::Left.apply(c, 4), 1985229328);
    assert_eq!(Shift::Right.apply(-256, 1), 2147483520);
    assert_eq!(Shift::Right.apply(c, 1), 1135780240);
    assert_eq!(Shift::Right.apply(-256, 4), 268435440);
    assert_eq!(Shift::ArithRight.apply(-256, 1), -128);
    assert_eq!(Shift::ArithRight.apply(c, 1), -1011703408);
    assert_eq!(Shift::ArithRight.apply(c, 4), -126462926);
    assert_eq!(Shift::RotateLeft.apply(-256, 1), -511);
    assert_eq!(Shift::RotateLeft.apply(c, 4), 1985229336);
    assert_eq!(Shift::RotateRight.apply(1, 1), i32::MIN);
    assert_eq!(Shift::RotateRight.apply(-256, 1), 2147483520);
    assert_eq!(
        Shift::Left.apply(tobit(2f64.powi(40) + 3.0), tobit(4.0)),
        48
    );
    assert_eq!(Shift::Left.apply(0x100, tobit(4.5)), 4096);
    assert_eq!(Shift::Right.apply(0x100, tobit(4.5)), 16);
    assert_eq!(
        Shift::RotateRight.apply(tobit(2f64.powi(40) + 3.0), 4),
        805306368
    );
}

#[test]
fn bswap_matches_recorded_replies() {
    assert_eq!(bswap(0x12345678), 2018915346);
    assert_eq!(bswap(-1), -1);
    assert_eq!(bswap(0x80), i32::MIN);
    assert_eq!(bswap(1), 16777216);
    assert_eq!(bswap(tobit(2f64.powi(32) + 258.0)), 33619968);
    assert_eq!(bswap(i32::MIN), 128);
}
