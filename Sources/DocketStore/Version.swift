import Fluent
import DocketCore
public enum DocketStoreVersion { public static let value = "0.1.0" }
