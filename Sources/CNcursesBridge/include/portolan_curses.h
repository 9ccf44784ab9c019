// The ncurses bridge: the only C that portolan's terminal backend calls. It wraps what Swift cannot
// import or Swift 6 refuses (stdscr, LINES/COLS, COLOR_PAIR, A_*, ACS_*, KEY_*, mouse masks), and
// keeps the terminal restorable from signal and crash handlers.
#ifndef PORTOLAN_CURSES_H
#define PORTOLAN_CURSES_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Attribute bits the backend asks for (mapped to A_* inside the bridge).
enum {
    PT_ATTR_BOLD = 1,
    PT_ATTR_DIM = 2,
    PT_ATTR_UNDERLINE = 4,
    PT_ATTR_REVERSE = 8,
};

/// What `pt_read` returns.
enum {
    PT_EVENT_NONE = 0,      // nothing within the timeout
    PT_EVENT_CHAR = 1,      // a character; `code` is its Unicode scalar
    PT_EVENT_KEY = 2,       // a function key; `code` is one of PT_KEY_*
    PT_EVENT_MOUSE = 3,     // a mouse event; x, y, buttons are set
    PT_EVENT_RESIZE = 4,    // the terminal changed size
    PT_EVENT_ERROR = 5,
};

/// Function keys (independent of ncurses' KEY_* values).
enum {
    PT_KEY_UP = 1, PT_KEY_DOWN, PT_KEY_LEFT, PT_KEY_RIGHT, PT_KEY_HOME, PT_KEY_END,
    PT_KEY_PAGE_UP, PT_KEY_PAGE_DOWN, PT_KEY_BACKTAB, PT_KEY_ENTER, PT_KEY_BACKSPACE, PT_KEY_DELETE,
    PT_KEY_F1, PT_KEY_OTHER = 99,
};

/// Mouse buttons in `pt_event.button_mask`.
enum {
    PT_MOUSE_PRESS = 1, PT_MOUSE_RELEASE = 2, PT_MOUSE_CLICK = 4, PT_MOUSE_WHEEL_UP = 8, PT_MOUSE_WHEEL_DOWN = 16,
    PT_MOUSE_DRAG = 32,
};

/// Line-drawing characters of the terminal's alternate set, for terminals without UTF-8.
enum {
    PT_ACS_HLINE = 1, PT_ACS_VLINE, PT_ACS_ULCORNER, PT_ACS_URCORNER, PT_ACS_LLCORNER, PT_ACS_LRCORNER,
    PT_ACS_LTEE, PT_ACS_RTEE, PT_ACS_TTEE, PT_ACS_BTEE, PT_ACS_PLUS, PT_ACS_RARROW, PT_ACS_LARROW,
    PT_ACS_UARROW, PT_ACS_DARROW, PT_ACS_BULLET, PT_ACS_CKBOARD,
};

typedef struct {
    int32_t kind;
    uint32_t code;
    int32_t x, y;
    int32_t button_mask;
} pt_event;

/// Saves the terminal's settings and installs handlers for SIGINT, SIGTERM, SIGHUP (set a flag the
/// loop reads) and for every other signal whose default action ends the process — SIGQUIT, SIGUSR1,
/// SIGUSR2, SIGPIPE, SIGALRM, the faults (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP), the
/// real-time signals, ... — which restore the terminal, then die as before (SIGQUIT still dumps core).
/// Signals already ignored stay ignored. Call before `pt_open`.
void pt_install_handlers(void);

/// The signal that asked the program to stop (SIGINT, SIGTERM, SIGHUP), or 0.
int pt_stop_signal(void);

/// Checks a terminal type before the screen is touched: 0 usable, -1 unknown to terminfo,
/// -2 a terminal that cannot address the cursor (dumb, hardcopy or generic).
int pt_check_term(const char *term);

/// Whether the terminal has an alternate line-drawing set (terminfo `acsc`); call after `pt_open`.
int pt_has_acs(void);

/// Opens the screen with `newterm` for `term`. Returns 0, or -1 if the terminal is unknown.
int pt_open(const char *term);

/// Leaves curses mode and restores the terminal (echo, canonical mode, cursor, main screen, mouse off).
/// Safe to call more than once.
void pt_close(void);

int pt_lines(void);
int pt_cols(void);
/// The number of colours the terminal has (0 without colour support).
int pt_colors(void);
int pt_color_pairs(void);
/// Defines colour pair `pair` (1...) as `fg` on `bg`; -1 means the terminal's default.
int pt_init_pair(int pair, int fg, int bg);

/// Draws one character cell with a colour pair and PT_ATTR_* bits.
void pt_put(int y, int x, uint32_t scalar, int pair, int attrs);
/// Draws one cell from the alternate character set (PT_ACS_*).
void pt_put_acs(int y, int x, int acs, int pair, int attrs);
/// Clears the virtual screen (the next refresh redraws what changed).
void pt_erase(void);
/// Sends the changes to the terminal.
void pt_refresh(void);

/// Waits up to `timeout_ms` (-1: forever) for input.
pt_event pt_read(int timeout_ms);

#ifdef __cplusplus
}
#endif

#endif
