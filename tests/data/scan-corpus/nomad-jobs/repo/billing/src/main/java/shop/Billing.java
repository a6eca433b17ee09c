package shop; public class Billing { }
