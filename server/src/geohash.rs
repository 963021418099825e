//! Geohashes as Redis computes them (geohash.c, geohash_helper.c): 52-bit interleaved
//! cells stored as sorted set scores, the cells a search must scan, and distances on
//! Redis's sphere. Every step follows Redis's arithmetic so that GEOPOS, GEODIST and the
//! searches give the same digits and the same members.

/// Earth's radius as Redis uses it, in meters.
pub const EARTH_RADIUS_METERS: f64 = 6372797.560856;
/// Smallest longitude a geo set accepts.
pub const LON_MIN: f64 = -180.0;
/// Largest longitude a geo set accepts.
pub const LON_MAX: f64 = 180.0;
/// Smallest latitude a geo set accepts (the Web Mercator limit).
pub const LAT_MIN: f64 = -85.05112878;
/// Largest latitude a geo set accepts.
pub const LAT_MAX: f64 = 85.05112878;
/// Bits per coordinate of a stored geohash.
pub const STEP_MAX: u8 = 26;

const MERCATOR_MAX: f64 = 20037726.37;

/// A closed interval of one coordinate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    /// Lower end.
    pub min: f64,
    /// Upper end.
    pub max: f64,
}

/// Redis's longitude range for stored hashes.
pub const LON_RANGE: Range = Range {
    min: LON_MIN,
    max: LON_MAX,
};
/// Redis's latitude range for stored hashes.
pub const LAT_RANGE: Range = Range {
    min: LAT_MIN,
    max: LAT_MAX,
};

/// A geohash cell: `step` bits per coordinate, longitude on the odd bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hash {
    /// The interleaved bits.
    pub bits: u64,
    /// Bits per coordinate.
    pub step: u8,
}

impl Hash {
    /// Redis's "zero" hash: a cleared neighbour that is not searched.
    const ZERO: Hash = Hash { bits: 0, step: 0 };

    fn is_zero(self) -> bool {
        self.bits == 0 && self.step == 0
    }

    /// The hash shifted to 52 bits (the score Redis stores).
    pub fn align52(self) -> u64 {
        self.bits
            .checked_shl(52 - 2 * u32::from(self.step).min(26))
            .unwrap_or(0)
    }

    /// The scores `[min, max)` of the members inside this cell.
    pub fn score_range(self) -> (f64, f64) {
        let next = Hash {
            bits: self.bits.wrapping_add(1),
            step: self.step,
        };
        (self.align52() as f64, next.align52() as f64)
    }
}

/// The area a cell covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    /// Longitudes covered.
    pub lon: Range,
    /// Latitudes covered.
    pub lat: Range,
}

/// Spreads the 32 bits of `x` over the even bits, those of `y` over the odd bits.
fn interleave(x: u32, y: u32) -> u64 {
    fn spread(v: u32) -> u64 {
        let mut v = u64::from(v);
        v = (v | (v << 16)) & 0x0000_FFFF_0000_FFFF;
        v = (v | (v << 8)) & 0x00FF_00FF_00FF_00FF;
        v = (v | (v << 4)) & 0x0F0F_0F0F_0F0F_0F0F;
        v = (v | (v << 2)) & 0x3333_3333_3333_3333;
        (v | (v << 1)) & 0x5555_5555_5555_5555
    }
    spread(x) | (spread(y) << 1)
}

/// The inverse of [`interleave`]: even bits in the low half, odd bits in the high half.
fn deinterleave(v: u64) -> u64 {
    fn squash(v: u64) -> u64 {
        let mut v = v & 0x5555_5555_5555_5555;
        v = (v | (v >> 1)) & 0x3333_3333_3333_3333;
        v = (v | (v >> 2)) & 0x0F0F_0F0F_0F0F_0F0F;
        v = (v | (v >> 4)) & 0x00FF_00FF_00FF_00FF;
        v = (v | (v >> 8)) & 0x0000_FFFF_0000_FFFF;
        (v | (v >> 16)) & 0x0000_0000_FFFF_FFFF
    }
    squash(v) | (squash(v >> 1) << 32)
}

/// Encodes a point into a cell of `step` bits per coordinate within the given ranges;
/// `None` where Redis's geohashEncode fails (outside the Mercator limits or the ranges).
pub fn encode(lon_range: Range, lat_range: Range, lon: f64, lat: f64, step: u8) -> Option<Hash> {
    if step == 0 || step > 32 {
        return None;
    }
    if !(LON_MIN..=LON_MAX).contains(&lon) || !(LAT_MIN..=LAT_MAX).contains(&lat) {
        return None;
    }
    if lat < lat_range.min || lat > lat_range.max || lon < lon_range.min || lon > lon_range.max {
        return None;
    }
    let cells = (1u64 << step) as f64;
    let lat_offset = (lat - lat_range.min) / (lat_range.max - lat_range.min) * cells;
    let lon_offset = (lon - lon_range.min) / (lon_range.max - lon_range.min) * cells;
    Some(Hash {
        bits: interleave(lat_offset as u32, lon_offset as u32),
        step,
    })
}

/// Encodes a point in Redis's ranges (the WGS84 variant).
pub fn encode_wgs84(lon: f64, lat: f64, step: u8) -> Option<Hash> {
    encode(LON_RANGE, LAT_RANGE, lon, lat, step)
}

/// The area of a cell in Redis's ranges.
pub fn decode(hash: Hash) -> Option<Area> {
    if hash.is_zero() || hash.step > 32 {
        return None;
    }
    let sep = deinterleave(hash.bits);
    let ilat = (sep & 0xFFFF_FFFF) as f64;
    let ilon = (sep >> 32) as f64;
    let cells = (1u64 << hash.step) as f64;
    let lat_scale = LAT_MAX - LAT_MIN;
    let lon_scale = LON_MAX - LON_MIN;
    Some(Area {
        lat: Range {
            min: LAT_MIN + (ilat / cells) * lat_scale,
            max: LAT_MIN + ((ilat + 1.0) / cells) * lat_scale,
        },
        lon: Range {
            min: LON_MIN + (ilon / cells) * lon_scale,
            max: LON_MIN + ((ilon + 1.0) / cells) * lon_scale,
        },
    })
}

/// The centre of an area, clamped to the valid coordinates: `(lon, lat)`.
pub fn area_center(area: Area) -> (f64, f64) {
    let lon = ((area.lon.min + area.lon.max) / 2.0).clamp(LON_MIN, LON_MAX);
    let lat = ((area.lat.min + area.lat.max) / 2.0).clamp(LAT_MIN, LAT_MAX);
    (lon, lat)
}

/// C's conversion of a double to `uint64_t` as x86-64 compilers emit it: values below
/// 2^63 go through a signed conversion (so a negative score wraps), larger ones are
/// offset by 2^63, and out-of-range values give the "indefinite" integer.
fn c_double_to_u64(d: f64) -> u64 {
    const TWO63: f64 = 9_223_372_036_854_775_808.0;
    let signed = |v: f64| {
        if !(-TWO63..TWO63).contains(&v) {
            i64::MIN
        } else {
            v as i64
        }
    };
    if d < TWO63 {
        signed(d) as u64
    } else {
        (signed(d - TWO63) as u64) ^ (1 << 63)
    }
}

/// The point a stored score stands for: `(lon, lat)` (Redis's decodeGeohash).
pub fn decode_score(score: f64) -> Option<(f64, f64)> {
    decode(Hash {
        bits: c_double_to_u64(score),
        step: STEP_MAX,
    })
    .map(area_center)
}

/// The score Redis stores for a point (already checked to be within the limits).
pub fn score_of(lon: f64, lat: f64) -> Option<f64> {
    encode_wgs84(lon, lat, STEP_MAX).map(|h| h.align52() as f64)
}

/// The 11-character standard geohash of a stored score (GEOHASH's reply).
pub fn standard_geohash(score: f64) -> Option<String> {
    const ALPHABET: &[u8; 32] = b"0123456789bcdefghjkmnpqrstuvwxyz";
    let (lon, lat) = decode_score(score)?;
    let world_lat = Range {
        min: -90.0,
        max: 90.0,
    };
    let bits = encode(LON_RANGE, world_lat, lon, lat, STEP_MAX).map_or(0, |h| h.bits);
    Some(
        (0..11)
            .map(|i| {
                let idx = if i == 10 {
                    0
                } else {
                    (bits >> (52 - (i + 1) * 5)) & 0x1f
                };
                char::from(ALPHABET[idx as usize])
            })
            .collect(),
    )
}

fn deg_rad(d: f64) -> f64 {
    d * (std::f64::consts::PI / 180.0)
}

fn rad_deg(r: f64) -> f64 {
    r / (std::f64::consts::PI / 180.0)
}

/// Distance in meters between two latitudes on one meridian.
fn lat_distance(lat1: f64, lat2: f64) -> f64 {
    EARTH_RADIUS_METERS * (deg_rad(lat2) - deg_rad(lat1)).abs()
}

/// Haversine distance in meters, as Redis computes it.
pub fn distance(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> f64 {
    let lon1r = deg_rad(lon1);
    let lon2r = deg_rad(lon2);
    let v = ((lon2r - lon1r) / 2.0).sin();
    if v == 0.0 {
        return lat_distance(lat1, lat2);
    }
    let lat1r = deg_rad(lat1);
    let lat2r = deg_rad(lat2);
    let u = ((lat2r - lat1r) / 2.0).sin();
    let a = u * u + lat1r.cos() * lat2r.cos() * v * v;
    2.0 * EARTH_RADIUS_METERS * a.sqrt().asin()
}

/// What a search covers, in the user's unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// Within a radius.
    Radius(f64),
    /// Within a box of this width and height, centred on the point.
    Box {
        /// East-west extent.
        width: f64,
        /// North-south extent.
        height: f64,
    },
}

/// A search: its shape and the meters in one unit of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Search {
    /// The shape, in the user's unit.
    pub shape: Shape,
    /// Meters per unit.
    pub conversion: f64,
}

impl Search {
    /// The distance in meters from `(lon, lat)` (the centre) to `(x, y)`, when the
    /// point is inside the shape (a NaN distance counts as inside, as in Redis).
    pub fn contains(self, lon: f64, lat: f64, x: f64, y: f64) -> Option<f64> {
        match self.shape {
            Shape::Radius(r) => {
                let d = distance(lon, lat, x, y);
                (d.partial_cmp(&(r * self.conversion)) != Some(std::cmp::Ordering::Greater))
                    .then_some(d)
            }
            Shape::Box { width, height } => {
                if lat_distance(y, lat) > height * self.conversion / 2.0 {
                    return None;
                }
                if distance(x, y, lon, y) > width * self.conversion / 2.0 {
                    return None;
                }
                Some(distance(lon, lat, x, y))
            }
        }
    }

    /// Half-extents `(width, height)` in meters of the bounding box around the centre.
    fn half_extents(self) -> (f64, f64) {
        match self.shape {
            Shape::Radius(r) => (self.conversion * r, self.conversion * r),
            Shape::Box { width, height } => (
                self.conversion * (width / 2.0),
                self.conversion * (height / 2.0),
            ),
        }
    }

    /// The radius in meters used to choose the cell size.
    fn radius(self) -> f64 {
        let r = match self.shape {
            Shape::Radius(r) => r,
            Shape::Box { width, height } => {
                ((width / 2.0) * (width / 2.0) + (height / 2.0) * (height / 2.0)).sqrt()
            }
        };
        r * self.conversion
    }
}

/// Bits per coordinate for cells that cover a radius (geohashEstimateStepsByRadius).
pub fn estimate_steps(radius_meters: f64, lat: f64) -> u8 {
    if radius_meters == 0.0 {
        return STEP_MAX;
    }
    let mut range = radius_meters;
    let mut step: i32 = 1;
    // A negative or tiny radius ends at -inf or within ~1100 doublings.
    while range < MERCATOR_MAX && range > 0.0 {
        range *= 2.0;
        step += 1;
    }
    if range < 0.0 {
        // Redis refuses negative radii before getting here.
        step = 1;
    }
    step -= 2;
    if !(-66.0..=66.0).contains(&lat) {
        step -= 1;
        if !(-80.0..=80.0).contains(&lat) {
            step -= 1;
        }
    }
    step.clamp(1, i32::from(STEP_MAX)) as u8
}

/// `[min_lon, min_lat, max_lon, max_lat]` around the centre (geohashBoundingBox).
fn bounding_box(lon: f64, lat: f64, shape: Search) -> [f64; 4] {
    let (width, height) = shape.half_extents();
    let lat_delta = rad_deg(height / EARTH_RADIUS_METERS);
    let lon_delta_top = rad_deg(width / EARTH_RADIUS_METERS / deg_rad(lat + lat_delta).cos());
    let lon_delta_bottom = rad_deg(width / EARTH_RADIUS_METERS / deg_rad(lat - lat_delta).cos());
    let lon_delta = if lat < 0.0 {
        lon_delta_bottom
    } else {
        lon_delta_top
    };
    [
        lon - lon_delta,
        lat - lat_delta,
        lon + lon_delta,
        lat + lat_delta,
    ]
}

/// Bits of the interleaved hash that hold the longitude (x) and the latitude (y).
const X_BITS: u64 = 0xAAAA_AAAA_AAAA_AAAA;
const Y_BITS: u64 = 0x5555_5555_5555_5555;

/// Moves `hash` one cell along the axis whose bits are `own` (the other axis's bits are
/// `other`), as geohash.c's geohash_move_x / geohash_move_y: the other axis's bits are
/// filled in so that the carry or borrow runs through the axis's own bits only.
fn move_axis(hash: &mut Hash, own: u64, other: u64, forward: bool) {
    let width = 64 - 2 * u32::from(hash.step);
    let moving = hash.bits & own;
    let kept = hash.bits & other;
    let zz = other.checked_shr(width).unwrap_or(0);
    let moved = if forward {
        moving.wrapping_add(zz.wrapping_add(1))
    } else {
        (moving | zz).wrapping_sub(zz.wrapping_add(1))
    };
    hash.bits = (moved & own.checked_shr(width).unwrap_or(0)) | kept;
}

fn move_x(hash: &mut Hash, forward: bool) {
    move_axis(hash, X_BITS, Y_BITS, forward);
}

fn move_y(hash: &mut Hash, forward: bool) {
    move_axis(hash, Y_BITS, X_BITS, forward);
}

/// The neighbour of `hash` moved by `dx` (east +1, west -1) and `dy` (north +1).
fn neighbour(hash: Hash, dx: i8, dy: i8) -> Hash {
    let mut h = hash;
    if dx != 0 {
        move_x(&mut h, dx > 0);
    }
    if dy != 0 {
        move_y(&mut h, dy > 0);
    }
    h
}

/// The cells to scan for a search around `(lon, lat)`, in Redis's order: the centre
/// cell, then north, south, east, west, north-east, north-west, south-east, south-west,
/// leaving out the neighbours the shape cannot reach and repeats of the previous cell.
pub fn search_cells(lon: f64, lat: f64, shape: Search) -> Vec<Hash> {
    let [min_lon, min_lat, max_lon, max_lat] = bounding_box(lon, lat, shape);
    let mut steps = estimate_steps(shape.radius(), lat);
    let cells_at = |steps: u8| {
        let hash = encode_wgs84(lon, lat, steps).unwrap_or(Hash {
            bits: 0,
            step: steps,
        });
        let dirs: [(i8, i8); 8] = [
            (0, 1),
            (0, -1),
            (1, 0),
            (-1, 0),
            (1, 1),
            (-1, 1),
            (1, -1),
            (-1, -1),
        ];
        let mut cells = [hash; 9];
        for (cell, (dx, dy)) in cells.iter_mut().skip(1).zip(dirs) {
            *cell = neighbour(hash, dx, dy);
        }
        cells
    };
    let mut cells = cells_at(steps);
    let area = |h: Hash| {
        decode(h).unwrap_or(Area {
            lon: Range { min: 0.0, max: 0.0 },
            lat: Range { min: 0.0, max: 0.0 },
        })
    };
    let [_, north, south, east, west, ..] = cells;
    let decrease = area(north).lat.max < max_lat
        || area(south).lat.min > min_lat
        || area(east).lon.max < max_lon
        || area(west).lon.min > min_lon;
    if steps > 1 && decrease {
        steps -= 1;
        cells = cells_at(steps);
    }
    if steps >= 2 {
        let center = area(cells[0]);
        // Indexes: 1 N, 2 S, 3 E, 4 W, 5 NE, 6 NW, 7 SE, 8 SW.
        let mut drop = |idx: [usize; 3]| {
            for i in idx {
                cells[i] = Hash::ZERO;
            }
        };
        if center.lat.min < min_lat {
            drop([2, 8, 7]);
        }
        if center.lat.max > max_lat {
            drop([1, 5, 6]);
        }
        if center.lon.min < min_lon {
            drop([4, 8, 6]);
        }
        if center.lon.max > max_lon {
            drop([3, 7, 5]);
        }
    }
    let mut out = Vec::with_capacity(9);
    let mut last: Option<usize> = None;
    for (i, cell) in cells.iter().enumerate() {
        if cell.is_zero() {
            continue;
        }
        // Redis compares with the previous cell only once it has gone past the centre.
        if let Some(l) = last.filter(|&l| l > 0) {
            if cells[l] == *cell {
                continue;
            }
        }
        out.push(*cell);
        last = Some(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_redis_geohashes() {
        // GEOADD's scores for Palermo and Catania, as Redis stores them.
        assert_eq!(score_of(13.361389, 38.115556), Some(3479099956230698.0));
        assert_eq!(score_of(15.087269, 37.502669), Some(3479447370796909.0));
        assert_eq!(score_of(0.0, 0.0), Some(3377699720527872.0));
        assert_eq!(score_of(180.0, 85.05112878), Some(13510798882111488.0));
        assert_eq!(score_of(181.0, 0.0), None);
        assert_eq!(score_of(f64::NAN, 0.0), None);
    }

    #[test]
    fn decoding_gives_the_cell_centre() {
        let (lon, lat) = decode_score(3479099956230698.0).unwrap();
        assert_eq!(format!("{lon:.17}"), "13.36138933897018433");
        assert_eq!(format!("{lat:.17}"), "38.11555639549629859");
        // Scores no GEOADD makes still decode, clamped to the limits.
        assert_eq!(decode_score(-1.0), Some((LON_MAX, LAT_MAX)));
        assert!(decode_score(f64::INFINITY).is_some());
        assert!(decode_score(1e300).is_some());
    }

    #[test]
    fn standard_geohash_has_eleven_characters() {
        assert_eq!(
            standard_geohash(3479099956230698.0).as_deref(),
            Some("sqc8b49rny0")
        );
        assert_eq!(
            standard_geohash(3377699720527872.0).as_deref(),
            Some("s0000000000")
        );
    }

    #[test]
    fn distance_uses_redis_earth_radius() {
        // GEODIST Palermo Catania.
        let (x1, y1) = decode_score(3479099956230698.0).unwrap();
        let (x2, y2) = decode_score(3479447370796909.0).unwrap();
        let d = distance(x1, y1, x2, y2);
        assert_eq!(format!("{d:.4}"), "166274.1516");
        // Same longitude: the cheaper meridian formula.
        assert_eq!(
            distance(0.0, 0.0, 0.0, 1.0),
            EARTH_RADIUS_METERS * 1f64.to_radians()
        );
    }

    #[test]
    fn steps_shrink_with_the_radius() {
        assert_eq!(estimate_steps(0.0, 0.0), 26);
        assert_eq!(estimate_steps(1.0, 0.0), 24);
        assert_eq!(estimate_steps(200_000.0, 0.0), 6);
        assert_eq!(estimate_steps(200_000.0, 70.0), 5);
        assert_eq!(estimate_steps(200_000.0, -85.0), 4);
        assert_eq!(estimate_steps(f64::INFINITY, 0.0), 1);
        assert_eq!(estimate_steps(f64::NAN, 0.0), 1);
        assert_eq!(estimate_steps(-5.0, 0.0), 1);
        assert_eq!(estimate_steps(1e-300, 0.0), 26);
    }

    #[test]
    fn neighbours_wrap_around_the_grid() {
        let h = encode_wgs84(0.0, 0.0, 1).unwrap();
        let east = neighbour(h, 1, 0);
        let west = neighbour(h, -1, 0);
        // Two cells across: east and west of one cell are the same cell.
        assert_eq!(east, west);
        assert_ne!(east, h);
        let north = neighbour(h, 0, 1);
        assert_eq!(neighbour(north, 0, -1), h);
    }

    #[test]
    fn search_cells_skip_unreachable_neighbours() {
        let small = Search {
            shape: Shape::Radius(1.0),
            conversion: 1.0,
        };
        let cells = search_cells(15.0, 37.0, small);
        assert!(!cells.is_empty() && cells.len() <= 9);
        assert!(cells.iter().all(|c| c.step == cells[0].step));
        let huge = Search {
            shape: Shape::Box {
                width: f64::INFINITY,
                height: f64::INFINITY,
            },
            conversion: 1000.0,
        };
        let cells = search_cells(0.0, 85.05112878, huge);
        assert!(cells.iter().all(|c| c.step == 1));
    }
}
