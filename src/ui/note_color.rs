//! The colour of notes, wherever they show: a paragraph's note badge and underline, a note's
//! kind on a stop's card, the stops still to visit (which the delegate is there to note).

use egui::Color32;

/// The blue that marks notes.
pub fn note_color() -> Color32 {
    Color32::from_rgb(0x2f, 0x6f, 0xb0)
}

/// The background behind noted text: the note blue, faint enough to read black (or, in
/// dark mode, white) text on.
pub fn note_background(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0x1d, 0x3a, 0x5a)
    } else {
        Color32::from_rgb(0xd6, 0xe8, 0xff)
    }
}
