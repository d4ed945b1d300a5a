//! The app icons, rasterized from `tools/src/web/icon.svg` (a subset of SVG: a
//! viewBox, `rect` with `rx`, and `circle`, filled with `#rrggbb`), and
//! written as PNG. Deterministic: the same source gives the same bytes.

use std::io::Write;

#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        rx: f64,
        fill: [u8; 3],
    },
    Circle {
        cx: f64,
        cy: f64,
        r: f64,
        fill: [u8; 3],
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Icon {
    size: f64,
    shapes: Vec<Shape>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(tag[start..start + tag[start..].find('"')?].to_string())
}

fn num(tag: &str, name: &str) -> Result<f64, String> {
    attr(tag, name)
        .unwrap_or_else(|| "0".into())
        .parse()
        .map_err(|_| format!("bad {name} in {tag}"))
}

fn colour(tag: &str) -> Result<[u8; 3], String> {
    let fill = attr(tag, "fill").ok_or_else(|| format!("no fill in {tag}"))?;
    let hex = fill
        .strip_prefix('#')
        .filter(|h| h.len() == 6)
        .ok_or_else(|| format!("fill must be #rrggbb: {fill}"))?;
    let byte =
        |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| format!("bad colour {fill}"));
    Ok([byte(0)?, byte(2)?, byte(4)?])
}

impl Icon {
    pub fn parse(svg: &str) -> Result<Icon, String> {
        let mut size = None;
        let mut shapes = Vec::new();
        for tag in svg
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or(""))
        {
            let name = tag.split_whitespace().next().unwrap_or("");
            match name {
                "svg" => {
                    let view_box = attr(tag, "viewBox").ok_or("the svg needs a viewBox")?;
                    let parts: Vec<f64> = view_box
                        .split_whitespace()
                        .filter_map(|p| p.parse().ok())
                        .collect();
                    match parts.as_slice() {
                        [0.0, 0.0, w, h] if w == h => size = Some(*w),
                        _ => return Err(format!("viewBox must be a square from 0 0: {view_box}")),
                    }
                }
                "rect" => shapes.push(Shape::Rect {
                    x: num(tag, "x")?,
                    y: num(tag, "y")?,
                    w: num(tag, "width")?,
                    h: num(tag, "height")?,
                    rx: num(tag, "rx")?,
                    fill: colour(tag)?,
                }),
                "circle" => shapes.push(Shape::Circle {
                    cx: num(tag, "cx")?,
                    cy: num(tag, "cy")?,
                    r: num(tag, "r")?,
                    fill: colour(tag)?,
                }),
                "/svg" | "!--" | "" => {}
                _ if name.starts_with('/') || name.starts_with("!--") => {}
                other => return Err(format!("unsupported element <{other}>")),
            }
        }
        Ok(Icon {
            size: size.ok_or("no <svg> element")?,
            shapes,
        })
    }

    fn covers(&self, x: f64, y: f64) -> Option<[u8; 3]> {
        self.shapes.iter().rev().find_map(|shape| match *shape {
            Shape::Rect {
                x: rx0,
                y: ry0,
                w,
                h,
                rx,
                fill,
            } => {
                if x < rx0 || y < ry0 || x > rx0 + w || y > ry0 + h {
                    return None;
                }
                let r = rx.min(w / 2.0).min(h / 2.0);
                let cx = x.clamp(rx0 + r, rx0 + w - r);
                let cy = y.clamp(ry0 + r, ry0 + h - r);
                ((x - cx).powi(2) + (y - cy).powi(2) <= r * r).then_some(fill)
            }
            Shape::Circle { cx, cy, r, fill } => {
                ((x - cx).powi(2) + (y - cy).powi(2) <= r * r).then_some(fill)
            }
        })
    }

    /// RGBA pixels at `px`×`px`, 4×4 supersampled. `maskable` fills the whole
    /// square with the first shape's colour and shrinks the drawing into the
    /// central 80% safe zone, as platforms crop maskable icons to a circle.
    pub fn render(&self, px: u32, maskable: bool) -> Vec<u8> {
        const SS: u32 = 4;
        let background = match self.shapes.first() {
            Some(Shape::Rect { fill, .. } | Shape::Circle { fill, .. }) => *fill,
            None => [255, 255, 255],
        };
        let (scale, offset) = if maskable { (0.8, 0.1) } else { (1.0, 0.0) };
        let mut out = Vec::with_capacity((px * px * 4) as usize);
        for py in 0..px {
            for pxx in 0..px {
                let (mut acc, mut hits) = ([0u32; 3], 0u32);
                for sy in 0..SS {
                    for sx in 0..SS {
                        let u = (f64::from(pxx) + (f64::from(sx) + 0.5) / f64::from(SS))
                            / f64::from(px);
                        let v =
                            (f64::from(py) + (f64::from(sy) + 0.5) / f64::from(SS)) / f64::from(px);
                        let (x, y) = (
                            ((u - offset) / scale) * self.size,
                            ((v - offset) / scale) * self.size,
                        );
                        let hit = self.covers(x, y).or(maskable.then_some(background));
                        if let Some(c) = hit {
                            hits += 1;
                            for i in 0..3 {
                                acc[i] += u32::from(c[i]);
                            }
                        }
                    }
                }
                for a in acc {
                    out.push(a.checked_div(hits).unwrap_or(0) as u8);
                }
                out.push((hits * 255 / (SS * SS)) as u8);
            }
        }
        out
    }
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG (8-bit RGBA, no interlace) of `rgba` pixels.
pub fn png(px: u32, rgba: &[u8]) -> Vec<u8> {
    let mut raw = Vec::with_capacity(rgba.len() + px as usize);
    for row in rgba.chunks(px as usize * 4) {
        raw.push(0);
        raw.extend_from_slice(row);
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&raw).expect("in-memory write");
    let idat = z.finish().expect("in-memory write");
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&px.to_be_bytes());
    ihdr.extend_from_slice(&px.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(&b"IHDR"[..], &ihdr[..]), (b"IDAT", &idat), (b"IEND", &[])] {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut chunk = kind.to_vec();
        chunk.extend_from_slice(data);
        out.extend_from_slice(&chunk);
        out.extend_from_slice(&crc32(&chunk).to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg viewBox="0 0 10 10"><rect x="0" y="0" width="10" height="10" fill="#ff0000"/><circle cx="5" cy="5" r="2" fill="#0000ff"/></svg>"##;

    #[test]
    fn renders_shapes_in_order() {
        let icon = Icon::parse(SVG).unwrap();
        let px = icon.render(10, false);
        let at = |x: usize, y: usize| &px[(y * 10 + x) * 4..(y * 10 + x) * 4 + 4];
        assert_eq!(at(0, 0), [255, 0, 0, 255]);
        assert_eq!(at(5, 5), [0, 0, 255, 255]);
    }

    #[test]
    fn maskable_icons_are_full_bleed() {
        let icon = Icon::parse(r##"<svg viewBox="0 0 10 10"><rect x="0" y="0" width="10" height="10" rx="5" fill="#00ff00"/></svg>"##).unwrap();
        let plain = icon.render(20, false);
        let mask = icon.render(20, true);
        assert_eq!(plain[3], 0, "rounded corner is transparent");
        assert_eq!(&mask[..4], [0, 255, 0, 255], "maskable corner is filled");
    }

    #[test]
    fn rejects_what_it_cannot_draw() {
        assert!(
            Icon::parse(r#"<svg viewBox="0 0 10 10"><path d="M0 0"/></svg>"#)
                .unwrap_err()
                .contains("path")
        );
        assert!(Icon::parse(r#"<svg viewBox="0 0 10 20"></svg>"#).is_err());
        assert!(Icon::parse(r#"<svg viewBox="0 0 10 10"><rect fill="red"/></svg>"#).is_err());
    }

    #[test]
    fn writes_a_valid_png() {
        let bytes = png(2, &[255; 16]);
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&bytes[12..16], b"IHDR");
        assert_eq!(crc32(b"IEND"), 0xae42_6082);
        assert!(bytes.ends_with(&[0xae, 0x42, 0x60, 0x82]));
    }

    #[test]
    fn the_app_icon_parses() {
        let icon = Icon::parse(include_str!("../web/icon.svg")).unwrap();
        assert!(icon.shapes.len() > 5);
        assert_eq!(icon.render(8, false).len(), 8 * 8 * 4);
    }
}
