//! The app icons: `tools/src/web/icon.svg` rendered by resvg at each size
//! the web manifest names, and written as PNG. Deterministic: the same
//! source gives the same bytes.

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{Node, Options, Paint, Tree};

#[derive(Debug)]
pub struct Icon {
    tree: Tree,
    /// The first shape's colour: a maskable icon's full-bleed background.
    background: Color,
}

impl Icon {
    /// The icon must be square, with a filled shape first (its background).
    pub fn parse(svg: &str) -> Result<Icon, String> {
        let tree =
            Tree::from_str(svg, &Options::default()).map_err(|e| format!("icon.svg: {e}"))?;
        if tree.size().width() != tree.size().height() {
            return Err("icon.svg: the icon must be square".into());
        }
        let background = tree
            .root()
            .children()
            .first()
            .and_then(|node| match node {
                Node::Path(path) => match path.fill()?.paint() {
                    Paint::Color(c) => Some(Color::from_rgba8(c.red, c.green, c.blue, 255)),
                    _ => None,
                },
                _ => None,
            })
            .ok_or("icon.svg: the first shape must be filled with a colour")?;
        Ok(Icon { tree, background })
    }

    /// The icon at `px`×`px`. `maskable` fills the whole square with the
    /// background colour and shrinks the drawing into the central 80% safe
    /// zone, as platforms crop maskable icons to a circle.
    fn render(&self, px: u32, maskable: bool) -> Result<Pixmap, String> {
        let mut pixmap = Pixmap::new(px, px).ok_or("an icon needs a size")?;
        let (scale, offset) = if maskable { (0.8, 0.1) } else { (1.0, 0.0) };
        if maskable {
            pixmap.fill(self.background);
        }
        let side = px as f32;
        let fit = side * scale / self.tree.size().width();
        let transform =
            Transform::from_scale(fit, fit).post_translate(side * offset, side * offset);
        resvg::render(&self.tree, transform, &mut pixmap.as_mut());
        Ok(pixmap)
    }

    pub fn png(&self, px: u32, maskable: bool) -> Result<Vec<u8>, String> {
        self.render(px, maskable)?
            .encode_png()
            .map_err(|e| format!("icon {px}px: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect x="0" y="0" width="10" height="10" fill="#ff0000"/><circle cx="5" cy="5" r="2" fill="#0000ff"/></svg>"##;

    fn rgba(pixmap: &Pixmap, x: u32, y: u32) -> [u8; 4] {
        let c = pixmap.pixel(x, y).unwrap().demultiply();
        [c.red(), c.green(), c.blue(), c.alpha()]
    }

    #[test]
    fn renders_shapes_in_order() {
        let icon = Icon::parse(SVG).unwrap();
        let pixmap = icon.render(10, false).unwrap();
        assert_eq!(rgba(&pixmap, 0, 0), [255, 0, 0, 255]);
        assert_eq!(rgba(&pixmap, 5, 5), [0, 0, 255, 255]);
    }

    #[test]
    fn maskable_icons_are_full_bleed() {
        let icon = Icon::parse(r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect x="0" y="0" width="10" height="10" rx="5" fill="#00ff00"/></svg>"##).unwrap();
        let plain = icon.render(20, false).unwrap();
        let mask = icon.render(20, true).unwrap();
        assert_eq!(rgba(&plain, 0, 0)[3], 0, "rounded corner is transparent");
        assert_eq!(
            rgba(&mask, 0, 0),
            [0, 255, 0, 255],
            "maskable corner is filled"
        );
        // The drawing sits in the central 80%: the maskable circle's edge moved in.
        assert_eq!(rgba(&plain, 10, 0)[3], 255);
        assert_eq!(rgba(&mask, 10, 1), [0, 255, 0, 255]);
    }

    #[test]
    fn rejects_what_it_cannot_use() {
        assert!(Icon::parse("not svg").unwrap_err().starts_with("icon.svg:"));
        let wide = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 20"><rect width="10" height="20" fill="red"/></svg>"#;
        assert!(Icon::parse(wide).unwrap_err().contains("square"));
        let unfilled = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="none" stroke="red"/></svg>"#;
        assert!(Icon::parse(unfilled).unwrap_err().contains("filled"));
    }

    #[test]
    fn writes_a_valid_png_of_the_size_asked() {
        let bytes = Icon::parse(SVG).unwrap().png(48, false).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&bytes[12..16], b"IHDR");
        assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 48);
        assert_eq!(u32::from_be_bytes(bytes[20..24].try_into().unwrap()), 48);
        assert!(bytes.ends_with(&[0xae, 0x42, 0x60, 0x82]), "ends with IEND");
    }

    #[test]
    fn the_app_icon_renders_the_same_bytes_twice() {
        let icon = Icon::parse(include_str!("../web/icon.svg")).unwrap();
        assert_eq!(icon.background, Color::from_rgba8(0xa1, 0x12, 0x1f, 255));
        assert_eq!(icon.png(64, true).unwrap(), icon.png(64, true).unwrap());
        assert_eq!(
            rgba(&icon.render(64, false).unwrap(), 32, 17),
            [0xfb, 0xfa, 0xf7, 255]
        );
    }
}
