//! The DOM events the parts listen for, each named once: web-sys has no
//! typed names for them, and a misspelt name is a listener that never
//! hears anything. Usable as patterns: `match (kind, act) { (CLICK, …) }`.

pub const CHANGE: &str = "change";
pub const CLICK: &str = "click";
pub const ERROR: &str = "error";
pub const INPUT: &str = "input";
pub const KEYDOWN: &str = "keydown";
pub const POINTERDOWN: &str = "pointerdown";
pub const POINTERLEAVE: &str = "pointerleave";
pub const POINTEROVER: &str = "pointerover";
pub const POINTERUP: &str = "pointerup";
pub const SUBMIT: &str = "submit";
