"""All tables of the shop; importing this package registers them with SQLAlchemy."""
from shop.models.audit import AuditEvent
from shop.models.base import utcnow
from shop.models.batch import Batch, BatchAllocation
from shop.models.booking import Booking, VisitSlot
from shop.models.catalog import Category, Certification, CertificationReminder, Product, ProductImage
from shop.models.facts import ProductFacts
from shop.models.info_page import InfoPage
from shop.models.listing import ProductListing
from shop.models.order import CartItem, Order, OrderEvent, OrderLine, Refund, Shipment
from shop.models.outbox import OutboxMail
from shop.models.payment import BankTransfer, PaymentAttempt, PaymentEvent, PaymentNotification
from shop.models.producer import Area, Producer
from shop.models.report import RevenueDay, RevenueGoodsDay
from shop.models.stock import StockMovement
from shop.models.translations import AreaTranslation, CategoryTranslation, ProducerTranslation, ProductTranslation
from shop.models.user import SignInLock, User

__all__ = [
    "Area", "AreaTranslation", "AuditEvent", "BankTransfer", "Batch", "BatchAllocation", "Booking", "CartItem",
    "Category", "CategoryTranslation", "Certification", "CertificationReminder", "InfoPage", "Order", "OrderEvent",
    "OrderLine", "OutboxMail", "PaymentAttempt", "PaymentEvent", "PaymentNotification", "Producer",
    "ProducerTranslation", "Product", "ProductFacts", "ProductImage", "ProductListing", "ProductTranslation", "Refund",
    "RevenueDay", "RevenueGoodsDay", "Shipment", "SignInLock", "StockMovement", "User", "VisitSlot", "utcnow",
]
