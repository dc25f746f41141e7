import DocketWeb
import Foundation

@main
enum Entrypoint {
    static func main() async {
        exit(await Docket.run())
    }
}
