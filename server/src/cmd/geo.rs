//! Geo commands: sorted sets whose scores are 52-bit geohashes ([`crate::geohash`]).

use std::cmp::Ordering;

use bytes::Bytes;

use super::{arg, done, int_arg, is, parse_float, zsets};
use crate::client::Client;
use crate::command::Handler;
use crate::db::Value;
use crate::executor::{err, Exec};
use crate::geohash::{self, Search, Shape};
use crate::reply::Reply;
use crate::zset::ZSet;

/// The geo handlers.
pub const HANDLERS: &[(&str, Handler)] = &[
    ("geoadd", geoadd),
    ("geopos", geopos),
    ("geodist", geodist),
    ("geohash", geohash_cmd),
    ("georadius", georadius),
    ("georadius_ro", georadius_ro),
    ("georadiusbymember", georadiusbymember),
    ("georadiusbymember_ro", georadiusbymember_ro),
    ("geosearch", geosearch),
    ("geosearchstore", geosearchstore),
];

/// A float argument, with Redis's message for one that is not a number.
fn float_arg(a: &[u8], msg: &str) -> Result<f64, Reply> {
    parse_float(a).ok_or_else(|| Reply::error(msg))
}

/// A longitude and latitude pair within the limits geo sets accept.
fn lon_lat_args(lon: &[u8], lat: &[u8]) -> Result<(f64, f64), Reply> {
    let lon = float_arg(lon, err::NOT_FLOAT)?;
    let lat = float_arg(lat, err::NOT_FLOAT)?;
    if !(geohash::LON_MIN..=geohash::LON_MAX).contains(&lon)
        || !(geohash::LAT_MIN..=geohash::LAT_MAX).contains(&lat)
    {
        return Err(Reply::error(format!(
            "ERR invalid longitude,latitude pair {},{}",
            c_fixed(lon, 6),
            c_fixed(lat, 6)
        )));
    }
    Ok((lon, lat))
}

/// C's `%.{decimals}f`.
fn c_fixed(d: f64, decimals: usize) -> String {
    if d.is_nan() {
        return if d.is_sign_negative() { "-nan" } else { "nan" }.to_string();
    }
    if d.is_infinite() {
        return if d > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    format!("{d:.decimals$}")
}

/// Meters in one `unit`.
fn unit_arg(unit: &[u8]) -> Result<f64, Reply> {
    if is(unit, "m") {
        Ok(1.0)
    } else if is(unit, "km") {
        Ok(1000.0)
    } else if is(unit, "ft") {
        Ok(0.3048)
    } else if is(unit, "mi") {
        Ok(1609.34)
    } else {
        Err(Reply::error(
            "ERR unsupported unit provided. please use M, KM, FT, MI",
        ))
    }
}

/// A radius and its unit: `(radius, meters per unit)`.
fn radius_args(radius: &[u8], unit: &[u8]) -> Result<(f64, f64), Reply> {
    let r = float_arg(radius, "ERR need numeric radius")?;
    if r < 0.0 {
        return Err(Reply::error("ERR radius cannot be negative"));
    }
    Ok((r, unit_arg(unit)?))
}

/// A distance as Redis replies it: `%.4f`, always a bulk string.
fn distance_reply(d: f64) -> Reply {
    Reply::Bulk(c_fixed(d, 4).into_bytes())
}

/// A coordinate as Redis's addReplyHumanLongDouble prints it: `%.17Lf` without
/// trailing zeros.
fn coord_text(d: f64) -> String {
    let mut s = c_fixed(d, 17);
    if d.is_finite() {
        let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(trimmed);
        if s == "-0" {
            s = "0".to_string();
        }
    }
    s
}

/// A point as GEOPOS and WITHCOORD reply it: `[lon, lat]`.
fn coords_reply(lon: f64, lat: f64) -> Reply {
    Reply::Array(vec![
        Reply::DoubleText(coord_text(lon).into_bytes()),
        Reply::DoubleText(coord_text(lat).into_bytes()),
    ])
}

fn geoadd(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let (mut nx, mut xx) = (false, false);
        let mut first = 2;
        while first < argv.len() {
            let a = arg(argv, first);
            if is(a, "nx") {
                nx = true;
            } else if is(a, "xx") {
                xx = true;
            } else if !is(a, "ch") {
                break;
            }
            first += 1;
        }
        let rest = &argv[first.min(argv.len())..];
        if !rest.len().is_multiple_of(3) || (nx && xx) {
            return Err(Reply::error(err::SYNTAX));
        }
        // GEOADD is ZADD with the options as given and each point's hash as its score.
        let mut zadd_argv: Vec<Bytes> = Vec::with_capacity(first + rest.len() / 3 * 2);
        zadd_argv.push(Bytes::from_static(b"zadd"));
        zadd_argv.extend(argv.get(1..first).unwrap_or_default().iter().cloned());
        for point in rest.chunks_exact(3) {
            let (lon, lat) = lon_lat_args(&point[0], &point[1])?;
            let score = geohash::score_of(lon, lat).unwrap_or(0.0);
            zadd_argv.push(Bytes::from((score as u64).to_string()));
            zadd_argv.push(point[2].clone());
        }
        let zadd = zsets::HANDLERS
            .iter()
            .find(|(name, _)| *name == "zadd")
            .map(|(_, h)| *h)
            .ok_or_else(|| Reply::error(err::SYNTAX))?;
        Ok(zadd(ex, c, &zadd_argv))
    })())
}

/// The point a member of the geo set at `key` stands for (`None` when missing).
fn member_point(
    ex: &mut Exec,
    c: &Client,
    key: &[u8],
    member: &[u8],
) -> Result<Option<(f64, f64)>, Reply> {
    Ok(ex
        .typed::<ZSet>(c, key, false)?
        .and_then(|z| z.score(member))
        .and_then(geohash::decode_score))
}

fn geopos(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let key = arg(argv, 1);
        let mut out = Vec::with_capacity(argv.len().saturating_sub(2));
        for member in argv.iter().skip(2) {
            out.push(match member_point(ex, c, key, member)? {
                Some((lon, lat)) => coords_reply(lon, lat),
                None => Reply::NullArray,
            });
        }
        Ok(Reply::Array(out))
    })())
}

fn geodist(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let to_meters = match argv.len() {
            5 => unit_arg(arg(argv, 4))?,
            n if n > 5 => return Err(Reply::error(err::SYNTAX)),
            _ => 1.0,
        };
        let key = arg(argv, 1);
        let a = member_point(ex, c, key, arg(argv, 2))?;
        let b = member_point(ex, c, key, arg(argv, 3))?;
        Ok(match (a, b) {
            (Some((x1, y1)), Some((x2, y2))) => {
                distance_reply(geohash::distance(x1, y1, x2, y2) / to_meters)
            }
            _ => Reply::Null,
        })
    })())
}

fn geohash_cmd(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    done((|| {
        let key = arg(argv, 1);
        let Some(z) = ex.typed::<ZSet>(c, key, false)? else {
            return Ok(Reply::Array(vec![
                Reply::Null;
                argv.len().saturating_sub(2)
            ]));
        };
        Ok(Reply::Array(
            argv.iter()
                .skip(2)
                .map(|m| {
                    z.score(m)
                        .and_then(geohash::standard_geohash)
                        .map_or(Reply::Null, |h| Reply::Bulk(h.into_bytes()))
                })
                .collect(),
        ))
    })())
}

/// Which search command runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// GEORADIUS and GEORADIUS_RO: around the coordinates in the arguments.
    Radius,
    /// GEORADIUSBYMEMBER and GEORADIUSBYMEMBER_RO: around a member.
    ByMember,
    /// GEOSEARCH.
    Search,
    /// GEOSEARCHSTORE.
    SearchStore,
}

/// A member found by a search.
struct Found {
    member: Vec<u8>,
    score: f64,
    lon: f64,
    lat: f64,
    /// Meters from the centre.
    dist: f64,
}

/// The options of a search command.
#[derive(Default)]
struct Options {
    center: Option<(f64, f64)>,
    search: Option<Search>,
    store: Option<Vec<u8>>,
    store_dist: bool,
    with_dist: bool,
    with_hash: bool,
    with_coord: bool,
    any: bool,
    /// 0 for no limit.
    count: usize,
    /// `None` unsorted, `Some(true)` ascending.
    ascending: Option<bool>,
}

fn georadius(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    search_command(ex, c, argv, Kind::Radius, true)
}

fn georadius_ro(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    search_command(ex, c, argv, Kind::Radius, false)
}

fn georadiusbymember(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    search_command(ex, c, argv, Kind::ByMember, true)
}

fn georadiusbymember_ro(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    search_command(ex, c, argv, Kind::ByMember, false)
}

fn geosearch(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    search_command(ex, c, argv, Kind::Search, false)
}

fn geosearchstore(ex: &mut Exec, c: &mut Client, argv: &[Bytes]) -> Reply {
    search_command(ex, c, argv, Kind::SearchStore, false)
}

/// Parses the arguments of a search in Redis's order (georadiusGeneric), so that the
/// first error Redis reports is the one reported here.
fn parse_search(
    ex: &mut Exec,
    c: &Client,
    argv: &[Bytes],
    kind: Kind,
    may_store: bool,
    src: &[u8],
    exists: bool,
) -> Result<Options, Reply> {
    let mut o = Options::default();
    let base = match kind {
        Kind::Radius => {
            o.center = Some(lon_lat_args(arg(argv, 2), arg(argv, 3))?);
            let (r, conversion) = radius_args(arg(argv, 4), arg(argv, 5))?;
            o.search = Some(Search {
                shape: Shape::Radius(r),
                conversion,
            });
            6
        }
        Kind::ByMember => {
            if exists {
                o.center =
                    Some(member_point(ex, c, src, arg(argv, 2))?.ok_or_else(|| {
                        Reply::error("ERR could not decode requested zset member")
                    })?);
                let (r, conversion) = radius_args(arg(argv, 3), arg(argv, 4))?;
                o.search = Some(Search {
                    shape: Shape::Radius(r),
                    conversion,
                });
            }
            5
        }
        Kind::Search => 2,
        Kind::SearchStore => {
            o.store = Some(arg(argv, 1).to_vec());
            3
        }
    };
    let geosearch = matches!(kind, Kind::Search | Kind::SearchStore);
    let (mut from_member, mut from_lonlat, mut by_radius, mut by_box) =
        (false, false, false, false);
    let mut i = base;
    while i < argv.len() {
        let a = arg(argv, i);
        let left = argv.len() - i - 1;
        if is(a, "withdist") {
            o.with_dist = true;
        } else if is(a, "withhash") {
            o.with_hash = true;
        } else if is(a, "withcoord") {
            o.with_coord = true;
        } else if is(a, "any") {
            o.any = true;
        } else if is(a, "asc") {
            o.ascending = Some(true);
        } else if is(a, "desc") {
            o.ascending = Some(false);
        } else if is(a, "count") && left >= 1 {
            let n = int_arg(arg(argv, i + 1))?;
            if n <= 0 {
                return Err(Reply::error("ERR COUNT must be > 0"));
            }
            o.count = usize::try_from(n).unwrap_or(usize::MAX);
            i += 1;
        } else if (is(a, "store") || is(a, "storedist")) && left >= 1 && may_store {
            o.store = Some(arg(argv, i + 1).to_vec());
            o.store_dist = is(a, "storedist");
            i += 1;
        } else if is(a, "storedist") && kind == Kind::SearchStore {
            o.store_dist = true;
        } else if is(a, "frommember") && left >= 1 && geosearch && !from_lonlat {
            if exists {
                o.center =
                    Some(member_point(ex, c, src, arg(argv, i + 1))?.ok_or_else(|| {
                        Reply::error("ERR could not decode requested zset member")
                    })?);
            }
            from_member = true;
            i += 1;
        } else if is(a, "fromlonlat") && left >= 2 && geosearch && !from_member {
            o.center = Some(lon_lat_args(arg(argv, i + 1), arg(argv, i + 2))?);
            from_lonlat = true;
            i += 2;
        } else if is(a, "byradius") && left >= 2 && geosearch && !by_box {
            let (r, conversion) = radius_args(arg(argv, i + 1), arg(argv, i + 2))?;
            o.search = Some(Search {
                shape: Shape::Radius(r),
                conversion,
            });
            by_radius = true;
            i += 2;
        } else if is(a, "bybox") && left >= 3 && geosearch && !by_radius {
            let width = float_arg(arg(argv, i + 1), "ERR need numeric width")?;
            let height = float_arg(arg(argv, i + 2), "ERR need numeric height")?;
            if width < 0.0 || height < 0.0 {
                return Err(Reply::error("ERR height or width cannot be negative"));
            }
            let conversion = unit_arg(arg(argv, i + 3))?;
            o.search = Some(Search {
                shape: Shape::Box { width, height },
                conversion,
            });
            by_box = true;
            i += 3;
        } else {
            return Err(Reply::error(err::SYNTAX));
        }
        i += 1;
    }
    if o.store.is_some() && (o.with_dist || o.with_hash || o.with_coord) {
        return Err(Reply::error(format!(
            "ERR {} is not compatible with WITHDIST, WITHHASH and WITHCOORD options",
            if kind == Kind::SearchStore {
                "GEOSEARCHSTORE"
            } else {
                "STORE option in GEORADIUS"
            }
        )));
    }
    let name = String::from_utf8_lossy(arg(argv, 0)).into_owned();
    if geosearch && !(from_member || from_lonlat) {
        return Err(Reply::error(format!(
            "ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for {name}"
        )));
    }
    if geosearch && !(by_radius || by_box) {
        return Err(Reply::error(format!(
            "ERR exactly one of BYRADIUS and BYBOX can be specified for {name}"
        )));
    }
    if o.any && o.count == 0 {
        return Err(Reply::error("ERR the ANY argument requires COUNT argument"));
    }
    Ok(o)
}

/// The members of `z` inside the search around `(lon, lat)`, scanning Redis's cells in
/// its order and stopping at `limit` members (0: no limit).
fn find(z: &ZSet, lon: f64, lat: f64, search: Search, limit: usize) -> Vec<Found> {
    let mut found = Vec::new();
    for cell in geohash::search_cells(lon, lat, search) {
        if limit > 0 && found.len() >= limit {
            break;
        }
        let (min, max) = cell.score_range();
        for (member, score) in z.range_by_score(min, false, max, true) {
            if let Some((x, y)) = geohash::decode_score(score) {
                if let Some(dist) = search.contains(lon, lat, x, y) {
                    found.push(Found {
                        member: member.to_vec(),
                        score,
                        lon: x,
                        lat: y,
                        dist,
                    });
                }
            }
            if limit > 0 && found.len() >= limit {
                break;
            }
        }
    }
    found
}

/// Stores the result of a search at `key` (deleting it when empty); the reply.
fn store_found(ex: &mut Exec, c: &Client, key: &[u8], found: Vec<Found>, dist: bool) -> Reply {
    let n = found.len();
    let now = ex.now_ms;
    let changed = if n == 0 {
        ex.db(c).remove(key, now).is_some()
    } else {
        let mut z = ZSet::new();
        for f in found {
            z.insert(f.member, if dist { f.dist } else { f.score });
        }
        ex.db(c).set(key, Value::ZSet(Box::new(z)), now);
        true
    };
    if changed {
        let db = c.db;
        ex.touch_key(db, key);
    }
    Reply::Integer(n as i64)
}

fn search_command(
    ex: &mut Exec,
    c: &mut Client,
    argv: &[Bytes],
    kind: Kind,
    may_store: bool,
) -> Reply {
    done((|| {
        let src_index = if kind == Kind::SearchStore { 2 } else { 1 };
        let src = arg(argv, src_index);
        let exists = ex.typed::<ZSet>(c, src, false)?.is_some();
        let o = parse_search(ex, c, argv, kind, may_store, src, exists)?;
        let (Some((lon, lat)), Some(search), true) = (o.center, o.search, exists) else {
            return Ok(match &o.store {
                Some(key) => store_found(ex, c, key, Vec::new(), false),
                None => Reply::Array(Vec::new()),
            });
        };
        let limit = if o.any { o.count } else { 0 };
        let mut found = match ex.typed::<ZSet>(c, src, false)? {
            Some(z) => find(z, lon, lat, search, limit),
            None => Vec::new(),
        };
        // COUNT without ANY returns the nearest ones.
        let ascending = o.ascending.or((o.count > 0 && !o.any).then_some(true));
        if let Some(asc) = ascending {
            // Redis's comparator: a NaN distance compares as smaller.
            let cmp = |a: &Found, b: &Found| {
                let ord = a.dist.partial_cmp(&b.dist).unwrap_or(Ordering::Less);
                if asc {
                    ord
                } else {
                    ord.reverse()
                }
            };
            if o.count == 0 || o.count >= found.len() {
                // glibc's qsort is a merge sort: stable, as this one.
                found.sort_by(cmp);
            } else {
                partial_sort(&mut found, cmp, 0, o.count - 1);
            }
        }
        if o.count > 0 {
            found.truncate(o.count);
        }
        for f in &mut found {
            f.dist /= search.conversion;
        }
        if let Some(key) = &o.store {
            return Ok(store_found(ex, c, key, found, o.store_dist));
        }
        let with_options = o.with_dist || o.with_hash || o.with_coord;
        Ok(Reply::Array(
            found
                .into_iter()
                .map(|f| {
                    let member = Reply::Bulk(f.member);
                    if !with_options {
                        return member;
                    }
                    let mut item = vec![member];
                    if o.with_dist {
                        item.push(distance_reply(f.dist));
                    }
                    if o.with_hash {
                        item.push(Reply::Integer(f.score as i64));
                    }
                    if o.with_coord {
                        item.push(coords_reply(f.lon, f.lat));
                    }
                    Reply::Array(item)
                })
                .collect(),
        ))
    })())
}

/// Redis's pqsort (Bentley & McIlroy's quicksort that skips the partitions outside
/// `[lrange, rrange]`), which Redis uses when COUNT keeps fewer members than were
/// found: the order it leaves equal distances in is the order Redis replies them in.
fn partial_sort<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering, lrange: usize, rrange: usize) {
    // Whether the partition [l, l + len) holds part of the wanted range.
    let wanted = |l: usize, len: usize| {
        !((lrange < l && rrange < l) || (lrange >= l + len && rrange >= l + len))
    };
    // Partitions are disjoint, so sorting them in any order gives Redis's result; a
    // work list instead of recursion keeps the stack flat on adversarial input.
    let mut todo = vec![(0, v.len())];
    while let Some((a, n)) = todo.pop() {
        if n < 7 {
            for pm in a + 1..a + n {
                let mut pl = pm;
                while pl > a && cmp(&v[pl - 1], &v[pl]) == Ordering::Greater {
                    v.swap(pl, pl - 1);
                    pl -= 1;
                }
            }
            continue;
        }
        let med3 = |v: &[T], x: usize, y: usize, z: usize| {
            if cmp(&v[x], &v[y]) == Ordering::Less {
                if cmp(&v[y], &v[z]) == Ordering::Less {
                    y
                } else if cmp(&v[x], &v[z]) == Ordering::Less {
                    z
                } else {
                    x
                }
            } else if cmp(&v[y], &v[z]) == Ordering::Greater {
                y
            } else if cmp(&v[x], &v[z]) == Ordering::Less {
                x
            } else {
                z
            }
        };
        let mut pm = a + n / 2;
        if n > 7 {
            let mut pl = a;
            let mut pn = a + n - 1;
            if n > 40 {
                let d = n / 8;
                pl = med3(v, pl, pl + d, pl + 2 * d);
                pm = med3(v, pm - d, pm, pm + d);
                pn = med3(v, pn - 2 * d, pn - d, pn);
            }
            pm = med3(v, pl, pm, pn);
        }
        v.swap(a, pm);
        let (mut pa, mut pb) = (a + 1, a + 1);
        let (mut pc, mut pd) = (a + n - 1, a + n - 1);
        loop {
            while pb <= pc {
                match cmp(&v[pb], &v[a]) {
                    Ordering::Greater => break,
                    Ordering::Equal => {
                        v.swap(pa, pb);
                        pa += 1;
                    }
                    Ordering::Less => {}
                }
                pb += 1;
            }
            while pb <= pc {
                match cmp(&v[pc], &v[a]) {
                    Ordering::Less => break,
                    Ordering::Equal => {
                        v.swap(pc, pd);
                        pd -= 1;
                    }
                    Ordering::Greater => {}
                }
                pc -= 1;
            }
            if pb > pc {
                break;
            }
            v.swap(pb, pc);
            pb += 1;
            pc -= 1;
        }
        let pn = a + n;
        let r = (pa - a).min(pb - pa);
        swap_blocks(v, a, pb - r, r);
        let r = (pd - pc).min(pn - pd - 1);
        swap_blocks(v, pb, pn - r, r);
        let r = pb - pa;
        if r > 1 && wanted(a, r) {
            todo.push((a, r));
        }
        let r = pd - pc;
        if r > 1 && wanted(pn - r, r) {
            todo.push((pn - r, r));
        }
    }
}

/// Swaps the `len` elements from `x` with the `len` elements from `y`.
fn swap_blocks<T>(v: &mut [T], x: usize, y: usize, len: usize) {
    for i in 0..len {
        v.swap(x + i, y + i);
    }
}
