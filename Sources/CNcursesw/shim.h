#ifndef LIAISON_CNCURSESW_SHIM_H
#define LIAISON_CNCURSESW_SHIM_H
// Wide-character curses: without this the *_wch and *wstr functions are not declared.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

int wcwidth(wchar_t c);
/* From term.h, which is not included: its macros (lines, columns) would clash with Swift names. */
int setupterm(const char *term, int filedes, int *errret);

// Swift cannot import function-like macros or mutable globals; these wrappers stand in for them.
static inline int liaison_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline attr_t liaison_a_bold(void) { return A_BOLD; }
static inline attr_t liaison_a_underline(void) { return A_UNDERLINE; }
static inline attr_t liaison_a_reverse(void) { return A_REVERSE; }
static inline attr_t liaison_a_dim(void) { return A_DIM; }
static inline attr_t liaison_a_italic(void) { return A_ITALIC; }
static inline attr_t liaison_a_normal(void) { return A_NORMAL; }
static inline int liaison_key_f(int n) { return KEY_F(n); }
static inline int liaison_colors(void) { return COLORS; }
static inline int liaison_color_pairs(void) { return COLOR_PAIRS; }
static inline void liaison_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline WINDOW *liaison_stdscr(void) { return stdscr; }
static inline mmask_t liaison_mouse_mask(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline int liaison_mouse_button1(mmask_t m) { return (m & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0; }
static inline int liaison_mouse_wheel_up(mmask_t m) { return (m & BUTTON4_PRESSED) != 0; }
static inline int liaison_mouse_wheel_down(mmask_t m) { return (m & BUTTON5_PRESSED) != 0; }
/* The terminal's size as the kernel knows it (TIOCGWINSZ), for a resize while curses sleeps. */
#include <sys/ioctl.h>
static inline int liaison_window_size(int fd, int *rows, int *cols) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return -1;
    *rows = size.ws_row; *cols = size.ws_col; return 0;
}

#endif
