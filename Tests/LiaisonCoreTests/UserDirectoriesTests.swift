import LiaisonCore
import Testing

@Suite("Typed paths: the home folder")
struct UserDirectoriesTests {
    @Test("a leading ~/ or ~ alone is the home folder; anything else is kept as typed")
    func expandingHome() {
        #expect(UserDirectories.expandingHome("~/c.xml", home: "/home/ada") == "/home/ada/c.xml")
        #expect(UserDirectories.expandingHome("~", home: "/home/ada") == "/home/ada")
        #expect(UserDirectories.expandingHome("~bob/c.xml", home: "/home/ada") == "~bob/c.xml")
        #expect(UserDirectories.expandingHome("/srv/~/c.xml", home: "/home/ada") == "/srv/~/c.xml")
        #expect(UserDirectories.expandingHome("~/c.xml", home: nil) == "~/c.xml", "without a home folder the path stays as typed")
    }
}
